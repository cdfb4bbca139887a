/**
 * The four AG News categories, in class-index order (`classes.txt`: 1 = World … 4 = Sci/Tech).
 * The model's score vector uses this order; the API names categories by these strings.
 */
export const CATEGORIES = ["World", "Sports", "Business", "Sci/Tech"] as const;

export type Category = typeof CATEGORIES[number];

export const CLASS_COUNT = CATEGORIES.length;

/** Category name → class index (0-based), or undefined for an unknown name. */
export function categoryIndex(name: string): number | undefined {
  const i = (CATEGORIES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}
