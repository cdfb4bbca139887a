/**
 * AG News rows (`"class","title","description"`, class 1–4) and the deterministic
 * train/validation split used for tuning. test.csv is only ever read for evaluation.
 */
import { CLASS_COUNT } from "./labels.ts";
import { parseCsv } from "./csv.ts";
import type { Document } from "./featurizer.ts";

export interface LabelledDocument extends Document {
  readonly title: string;
  /** 0-based class index into CATEGORIES. */
  readonly label: number;
}

export interface Dataset {
  readonly rows: readonly LabelledDocument[];
  /** `sha256:<hex>` of the file bytes. */
  readonly digest: string;
}

export class DatasetError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "DatasetError";
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Parse AG News CSV bytes; every malformed row is reported at once. */
export async function parseAgNews(bytes: Uint8Array, file: string): Promise<Dataset> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(file, "not valid UTF-8");
  }
  const rows: LabelledDocument[] = [];
  const problems: string[] = [];
  parseCsv(text).forEach((fields, i) => {
    const cls = Number(fields[0]);
    if (fields.length !== 3) {
      problems.push(`row ${i + 1}: expected 3 fields, found ${fields.length}`);
    } else if (!Number.isInteger(cls) || cls < 1 || cls > CLASS_COUNT) {
      problems.push(
        `row ${i + 1}: expected class 1-${CLASS_COUNT}, found ${JSON.stringify(fields[0])}`,
      );
    } else {
      rows.push({ label: cls - 1, title: fields[1]!, text: fields[2]! });
    }
  });
  if (problems.length > 0) throw new DatasetError(file, problems.slice(0, 20).join("; "));
  if (rows.length === 0) throw new DatasetError(file, "no rows");
  return { rows, digest: `sha256:${await sha256Hex(bytes)}` };
}

export async function readAgNews(path: string): Promise<Dataset> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new DatasetError(path, "not found (the AG News CSV files; see --data)");
    }
    throw e;
  }
  return parseAgNews(bytes, path);
}

/**
 * Hold out the last `validationFraction` of the rows as validation. train.csv is already a
 * fixed pseudo-random shuffle (SOURCE.md), so its tail is a fair, deterministic sample.
 */
export function splitValidation<T>(rows: readonly T[], validationFraction: number): {
  train: T[];
  validation: T[];
} {
  const n = Math.round(rows.length * validationFraction);
  return { train: rows.slice(0, rows.length - n), validation: rows.slice(rows.length - n) };
}
