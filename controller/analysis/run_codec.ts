/**
 * The compact persisted form of a `RunState`, small enough for an AWS tag value or a share of
 * an alias description (both at most 256 characters). Metrics are positional (in the run's
 * metric order) behind a 4-character fingerprint of their keys, so a template edit in
 * the middle of a run is detected instead of misread. Values keep 6 significant digits. Only
 * characters AWS allows in tag values are used (letters, digits, `. : / - +`).
 *
 * Format: `<fingerprint>.<startedAt base36>` then per metric
 * `/<count>:<successful>:<failed>:<inconclusive>:<errors>:<consecutiveErrors>[:<at - startedAt
 * base36>:<phase letter>:<samples>:<value>:<stableValue>]`.
 *
 * @example
 * ```ts
 * encodeRun(state, metrics); // "k3x9.lx2a8p0/2:2:0:0:0:0:1hc:S:250:0.004:0.0035/2:2:0:0:0:0:1hc:S:250:410:"
 * ```
 */
import type { MeasurementPhase } from "./measurement.ts";
import type { LastMeasurement, MetricCounters, RunState } from "./run.ts";
import type { AnalysisMetric } from "./template.ts";

const PHASES: Record<MeasurementPhase, string> = {
  Successful: "S",
  Failed: "F",
  Inconclusive: "I",
  Error: "E",
};
const LETTERS = Object.fromEntries(Object.entries(PHASES).map(([p, l]) => [l, p])) as Record<
  string,
  MeasurementPhase
>;

/** Thrown by `decodeRun` for text that is not a run of these metrics. */
export class RunCodecError extends Error {
  override readonly name = "RunCodecError";
}

/** A 4-character base36 digest of the metric keys (FNV-1a). */
export function fingerprint(metrics: readonly AnalysisMetric[]): string {
  let hash = 0x811c9dc5;
  for (const char of metrics.map((m) => m.key).join("\n")) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return (hash % 36 ** 4).toString(36).padStart(4, "0");
}

const num = (n: number | undefined) => n === undefined ? "" : String(Number(n.toPrecision(6)));

export function encodeRun(state: RunState, metrics: readonly AnalysisMetric[]): string {
  const parts = metrics.map((metric) => {
    const c = state.metrics[metric.key];
    if (!c) return "";
    const counters = [
      c.count,
      c.successful,
      c.failed,
      c.inconclusive,
      c.errors,
      c.consecutiveErrors,
    ];
    const last = c.last;
    if (!last) return counters.join(":");
    return [
      ...counters,
      (last.at - state.startedAt).toString(36),
      PHASES[last.phase],
      last.samples,
      num(last.value),
      num(last.stableValue),
    ].join(":");
  });
  return [`${fingerprint(metrics)}.${state.startedAt.toString(36)}`, ...parts].join("/");
}

export function decodeRun(text: string, metrics: readonly AnalysisMetric[]): RunState {
  const [head = "", ...parts] = text.split("/");
  const [print, started] = head.split(".");
  if (print !== fingerprint(metrics)) {
    throw new RunCodecError(
      `analysis state was written for other metrics (fingerprint ${print}, expected ${
        fingerprint(metrics)
      })`,
    );
  }
  if (parts.length !== metrics.length) {
    throw new RunCodecError(`expected ${metrics.length} metric entries, found ${parts.length}`);
  }
  const startedAt = integer(started, 36, "startedAt");
  const entries = metrics.flatMap((metric, i) => {
    const part = parts[i]!;
    return part === "" ? [] : [[metric.key, decodeCounters(part, startedAt)] as const];
  });
  return { startedAt, metrics: Object.fromEntries(entries) };
}

function decodeCounters(part: string, startedAt: number): MetricCounters {
  const fields = part.split(":");
  if (fields.length !== 6 && fields.length !== 11) {
    throw new RunCodecError(`expected 6 or 11 fields in ${JSON.stringify(part)}`);
  }
  const [count, successful, failed, inconclusive, errors, consecutiveErrors] = fields
    .slice(0, 6).map((f) => integer(f, 10, "counter"));
  const counters = {
    count: count!,
    successful: successful!,
    failed: failed!,
    inconclusive: inconclusive!,
    errors: errors!,
    consecutiveErrors: consecutiveErrors!,
  };
  if (fields.length === 6) return counters;
  const [at, letter, samples, value, stable] = fields.slice(6);
  const phase = LETTERS[letter ?? ""];
  if (!phase) throw new RunCodecError(`unknown measurement phase ${JSON.stringify(letter)}`);
  const last: LastMeasurement = {
    at: startedAt + integer(at, 36, "measurement time"),
    phase,
    samples: integer(samples, 10, "samples"),
    value: optionalNumber(value),
    stableValue: optionalNumber(stable),
  };
  return { ...counters, last };
}

function integer(text: string | undefined, radix: number, what: string): number {
  const valid = radix === 36 ? /^[0-9a-z]+$/ : /^[0-9]+$/;
  if (text === undefined || !valid.test(text)) {
    throw new RunCodecError(
      `${what}: expected a base-${radix} integer, found ${JSON.stringify(text)}`,
    );
  }
  const value = parseInt(text, radix);
  if (!Number.isSafeInteger(value)) throw new RunCodecError(`${what}: ${text} is out of range`);
  return value;
}

function optionalNumber(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new RunCodecError(`expected a number, found ${JSON.stringify(text)}`);
  }
  return value;
}
