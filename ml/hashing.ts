/**
 * 32-bit FNV-1a over UTF-16 code units, written so a feature can be hashed as
 * `prefix + token` (or `token + " " + token`) without building the joined string.
 *
 * FNV-1a is not a cryptographic hash; it is fast, stable across platforms and versions
 * (pure integer arithmetic), which is what a hashed feature space needs.
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continue an FNV-1a hash `h` with the code units of `s`. */
export function fnvUpdate(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Continue an FNV-1a hash `h` with one code unit. */
export function fnvUpdateUnit(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME) >>> 0;
}

/** FNV-1a of a whole string. */
export function fnv1a(s: string): number {
  return fnvUpdate(FNV_OFFSET, s);
}
