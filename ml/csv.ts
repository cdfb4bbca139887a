/**
 * A strict RFC 4180 CSV reader (quoted fields, `""` escapes, LF or CRLF), enough for the
 * AG News files and strict enough to say where a malformed file breaks.
 */

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "CsvError";
  }
}

/** Parse CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let line = 1;
  let i = 0;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === "" && !fieldStarted) {
      const start = line;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new CsvError(start, "unterminated quoted field");
        field += text.slice(i, q);
        for (let k = i; k < q; k++) if (text.charCodeAt(k) === 10) line++;
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fieldStarted = true;
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new CsvError(
          line,
          `expected a comma or end of line after a quoted field, found ${JSON.stringify(next)}`,
        );
      }
    } else if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
