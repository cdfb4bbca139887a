/**
 * Field checks for request bodies and query strings. Each throws a 400 {@link ApiError}
 * naming the field, what was expected and what was found; none of them ever lets a wrong
 * type through to become a 500 later.
 */
import { ApiError } from "./errors.ts";

export type Fields = Readonly<Record<string, unknown>>;

/** Rejects fields other than `allowed`, so a typo is an error rather than silently ignored. */
export function rejectUnknownFields(body: Fields, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw new ApiError(
        400,
        "unknown_field",
        `unknown field "${key}"; expected one of ${allowed.join(", ")}`,
        key,
      );
    }
  }
}

export interface StringRule {
  /** Longest accepted value in characters. */
  readonly maxLength: number;
  /** Pattern the whole value must match, with a description of it for the message. */
  readonly pattern?: { readonly regex: RegExp; readonly description: string };
}

export function requiredString(body: Fields, field: string, rule: StringRule): string {
  const value = body[field];
  if (value === undefined || value === null) {
    throw new ApiError(400, "missing_field", `"${field}" is required`, field);
  }
  return checkString(value, field, rule);
}

export function optionalString(body: Fields, field: string, rule: StringRule): string | undefined {
  const value = body[field];
  return value === undefined || value === null ? undefined : checkString(value, field, rule);
}

function checkString(value: unknown, field: string, rule: StringRule): string {
  if (typeof value !== "string") {
    throw new ApiError(
      400,
      "invalid_type",
      `"${field}" must be a string, got ${describe(value)}`,
      field,
    );
  }
  if (value.trim().length === 0) {
    throw new ApiError(400, "invalid_value", `"${field}" must not be empty`, field);
  }
  if (value.length > rule.maxLength) {
    throw new ApiError(
      400,
      "invalid_value",
      `"${field}" must be at most ${rule.maxLength} characters, got ${value.length}`,
      field,
    );
  }
  if (rule.pattern && !rule.pattern.regex.test(value)) {
    throw new ApiError(
      400,
      "invalid_value",
      `"${field}" must be ${rule.pattern.description}, got ${JSON.stringify(value.slice(0, 80))}`,
      field,
    );
  }
  return value;
}

export interface IntRule {
  readonly min: number;
  readonly max: number;
}

/** An integer in [min, max]; accepts a number, or a decimal string (query parameters). */
export function optionalInt(body: Fields, field: string, rule: IntRule): number | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ApiError(
      400,
      "invalid_type",
      `"${field}" must be an integer, got ${describe(raw)}`,
      field,
    );
  }
  if (value < rule.min || value > rule.max) {
    throw new ApiError(
      400,
      "out_of_range",
      `"${field}" must be between ${rule.min} and ${rule.max}, got ${value}`,
      field,
    );
  }
  return value;
}

/** An ISO 8601 timestamp with a time zone (`2026-01-31T12:00:00Z`), as epoch milliseconds. */
export function optionalTimestamp(body: Fields, field: string): number | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const ms = typeof raw === "string" && iso.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) {
    throw new ApiError(
      400,
      "invalid_value",
      `"${field}" must be an ISO 8601 timestamp like 2026-01-31T12:00:00Z, got ${describe(raw)}`,
      field,
    );
  }
  return ms;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 80));
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
