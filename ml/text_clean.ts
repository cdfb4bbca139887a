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

/** Anything else takes the Unicode path (same result for ASCII, only slower). */
const BEYOND_PRINTABLE_ASCII = /[^ -~\t\n\r]/;

/** Lower-cased, entity-decoded, tag-free text; the input to {@link tokenize}. */
export function cleanText(raw: string): string {
  let s = raw;
  // Each step is skipped when its trigger character is absent (the serving hot path).
  if (s.includes("#") || s.includes("&")) {
    // Decode twice: AG News has doubly-encoded text such as `&amp;lt;b&amp;gt;`.
    s = s.replace(ENTITY, decodeEntity).replace(ENTITY, decodeEntity);
  }
  if (s.includes("<")) s = s.replace(TAG, " ");
  if (s.includes("\\")) s = s.replace(BACKSLASH, " ");
  if (BEYOND_PRINTABLE_ASCII.test(s)) s = s.normalize("NFKC");
  return s.toLowerCase();
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
/** For ASCII text, letters/marks/digits are exactly [a-z0-9] once lower-cased. */
const ASCII_TOKEN = /[a-z0-9]+/g;

/** Words: maximal runs of letters, marks and digits (any script). */
export function tokenize(clean: string): string[] {
  return clean.match(BEYOND_PRINTABLE_ASCII.test(clean) ? TOKEN : ASCII_TOKEN) ?? [];
}
