/** The four AG News categories, in the dataset's label order (class 1..4). */
export const CATEGORIES = ["World", "Sports", "Business", "Sci/Tech"] as const;

export type Category = typeof CATEGORIES[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}
