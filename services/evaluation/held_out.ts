/**
 * The held-out labelled sample: a fixed slice of AG News `test.csv` (every 8th row: 950 rows,
 * all four classes), never used for training or tuning. The same slice is bundled into the
 * evaluation Lambda at package time and read from the shared data folder by the local server.
 */
import type { Category } from "../common/categories.ts";

export interface LabelledExample {
  readonly label: Category;
  readonly title?: string;
  readonly text: string;
}

export const HELD_OUT_STRIDE = 8;

export function heldOutSlice<T>(rows: readonly T[]): T[] {
  return rows.filter((_, i) => i % HELD_OUT_STRIDE === 0);
}
