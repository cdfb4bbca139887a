/**
 * Validation of classify requests: `{title?, text}` and `{items: [{title?, text}, …]}`.
 * Every problem is a 4xx {@link ApiError} naming the field (`text`, `items[3].title`).
 */
import { ApiError } from "../common/errors.ts";
import type { Document } from "../../ml/featurizer.ts";

export interface RequestLimits {
  /** Largest request body (bytes); larger → 413. */
  readonly maxBodyBytes: number;
  /** Largest `title` or `text` (UTF-8 bytes). */
  readonly maxTextBytes: number;
  /** Most items in one batch request. */
  readonly maxBatchItems: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxBodyBytes: 1024 * 1024,
  maxTextBytes: 32 * 1024,
  maxBatchItems: 256,
};

const DOCUMENT_FIELDS = ["title", "text"];
const encoder = new TextEncoder();

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

/** UTF-8 length, computed only when the UTF-16 length leaves doubt. */
function exceedsBytes(s: string, max: number): boolean {
  if (s.length > max) return true;
  if (s.length * 3 <= max) return false;
  return encoder.encode(s).length > max;
}

function stringField(
  obj: Record<string, unknown>,
  name: string,
  prefix: string,
  options: { required: boolean; maxBytes: number },
): string | undefined {
  const value = obj[name];
  const field = prefix + name;
  if (value === undefined) {
    if (options.required) throw new ApiError(400, "missing_field", `"${field}" is required`, field);
    return undefined;
  }
  if (typeof value !== "string") {
    throw new ApiError(
      400,
      "invalid_type",
      `"${field}" must be a string, got ${describe(value)}`,
      field,
    );
  }
  if (options.required && value.trim() === "") {
    throw new ApiError(400, "invalid_value", `"${field}" must not be empty`, field);
  }
  if (exceedsBytes(value, options.maxBytes)) {
    throw new ApiError(
      400,
      "too_long",
      `"${field}" must be at most ${options.maxBytes} bytes of UTF-8`,
      field,
    );
  }
  return value;
}

/** One document object; `prefix` locates it in the body (`""` or `items[3].`). */
export function parseDocument(value: unknown, prefix: string, limits: RequestLimits): Document {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const field = prefix.slice(0, -1);
    throw new ApiError(
      400,
      "invalid_type",
      `"${field}" must be an object, got ${describe(value)}`,
      field,
    );
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    if (!DOCUMENT_FIELDS.includes(key)) {
      throw new ApiError(
        400,
        "unknown_field",
        `unknown field "${prefix}${key}"; expected title, text`,
        prefix + key,
      );
    }
  }
  const opts = { maxBytes: limits.maxTextBytes };
  const text = stringField(obj, "text", prefix, { ...opts, required: true })!;
  const title = stringField(obj, "title", prefix, { ...opts, required: false });
  return title === undefined ? { text } : { title, text };
}

/** `{items: [...]}` with 1..maxBatchItems documents. */
export function parseBatch(body: Record<string, unknown>, limits: RequestLimits): Document[] {
  for (const key in body) {
    if (key !== "items") {
      throw new ApiError(400, "unknown_field", `unknown field "${key}"; expected items`, key);
    }
  }
  const items = body["items"];
  if (items === undefined) throw new ApiError(400, "missing_field", `"items" is required`, "items");
  if (!Array.isArray(items)) {
    throw new ApiError(
      400,
      "invalid_type",
      `"items" must be an array, got ${describe(items)}`,
      "items",
    );
  }
  if (items.length === 0) {
    throw new ApiError(400, "invalid_value", `"items" must not be empty`, "items");
  }
  if (items.length > limits.maxBatchItems) {
    throw new ApiError(
      400,
      "batch_too_large",
      `"items" has ${items.length} documents; at most ${limits.maxBatchItems} are allowed`,
      "items",
    );
  }
  return items.map((item, i) => parseDocument(item, `items[${i}].`, limits));
}
