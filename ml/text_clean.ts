/**
 * Text normalisation shared by training and serving (AG News quirks included):
 * HTML entities (`&lt;b&gt;`, `&amp;`, `&#39;`), AG News' bare numeric entities (`#39;`,
 * `#151;` in Windows-1252), HTML tags that the entities encoded, literal backslashes
 * (AG News uses them where line breaks were: `in\\recent`), Unicode compatibility forms (NFKC) and case.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Windows-1252 code points 0x80–0x9F that AG News writes as numeric entities. */
const CP1252: Readonly<Record<number, string>> = {
  130: "‚",
  132: "„",
  133: "…",
  145: "‘",
  146: "’",
  147: "“",
  148: "”",
  150: "–",
  151: "—",
  153: "™",
};

const ENTITY = /&(amp|lt|gt|quot|apos|nbsp);|&?#(\d{1,7});|&#x([0-9a-f]{1,6});/gi;
const TAG = /<\/?[a-z][^<>]{0,200}>/gi;
const BACKSLASH = /\\/g;

function decodeCodePoint(code: number): string {
  if (CP1252[code] !== undefined) return CP1252[code];
  if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return " ";
  return String.fromCodePoint(code);
}

function decodeEntity(_m: string, named?: string, dec?: string, hex?: string): string {
  if (named !== undefined) return NAMED_ENTITIES[named.toLowerCase()] ?? " ";
  if (dec !== undefined) return decodeCodePoint(Number(dec));
  return decodeCodePoint(parseInt(hex ?? "0", 16));
}

/** Lower-cased, entity-decoded, tag-free text; the input to {@link tokenize}. */
export function cleanText(raw: string): string {
  // Decode twice: AG News has doubly-encoded text such as `&amp;lt;b&amp;gt;`.
  const decoded = raw.replace(ENTITY, decodeEntity).replace(ENTITY, decodeEntity);
  return decoded.replace(TAG, " ").replace(BACKSLASH, " ").normalize("NFKC").toLowerCase();
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** Words: maximal runs of letters, marks and digits (any script). */
export function tokenize(clean: string): string[] {
  return clean.match(TOKEN) ?? [];
}
