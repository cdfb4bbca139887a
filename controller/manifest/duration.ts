/**
 * Durations in manifests are written as in Go and Argo Rollouts: one or more
 * `<integer><unit>` parts with units `ms`, `s`, `m`, `h` (`500ms`, `30s`, `5m`, `1h30m`).
 * They are parsed once, at the edge, into milliseconds.
 */

/** The JSON Schema / regex form of a duration, for editors. */
export const DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /([0-9]+)(ms|s|m|h)/g;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Error thrown by {@link parseDuration} for text that is not a duration. */
export class DurationError extends Error {
  constructor(readonly text: string) {
    super(`expected a duration like 500ms, 30s, 5m or 1h, found ${JSON.stringify(text)}`);
    this.name = "DurationError";
  }
}

/**
 * Parses a manifest duration into milliseconds.
 *
 * @example
 * ```ts
 * import { parseDuration } from "./duration.ts";
 * parseDuration("1h30m"); // 5_400_000
 * ```
 * @throws {DurationError} when the text is not a duration (`5 minutes`, `-1s`, `1.5m`).
 */
export function parseDuration(text: string): number {
  if (!DURATION_RE.test(text)) throw new DurationError(text);
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART_RE)) {
    ms += Number(amount) * (UNIT_MS[unit ?? ""] ?? Number.NaN);
  }
  if (!Number.isSafeInteger(ms)) throw new DurationError(text);
  return ms;
}

/** Formats milliseconds back into the shortest manifest duration (`90000` → `1m30s`). */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`not a duration: ${ms}`);
  if (ms === 0) return "0s";
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ["h", "m", "s", "ms"]) {
    const size = UNIT_MS[unit] ?? 1;
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * size;
  }
  return parts.join("");
}
