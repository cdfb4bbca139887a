/** The AG News categories, from the one definition in `ml/labels.ts`, plus a type guard. */
import { CATEGORIES, type Category } from "../../ml/labels.ts";

export { CATEGORIES, type Category };

export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}
