/**
 * An analysis run, as Argo Rollouts' AnalysisRun: pure functions over the run's persisted
 * counters. `assessRun` says what the run's verdict is, which metrics are due now and when the
 * next measurement is; `recordMeasurements` folds new measurements in. The state holds only
 * counters and the last measurement per metric, so it persists in a few dozen bytes
 * (`run_codec.ts`).
 */
import type { Measurement, MeasurementPhase } from "./measurement.ts";
import type { AnalysisMetric } from "./template.ts";

export type RunPhase = "Running" | "Successful" | "Failed" | "Error" | "Inconclusive";

export interface LastMeasurement {
  readonly at: number;
  readonly phase: MeasurementPhase;
  readonly value?: number | undefined;
  readonly stableValue?: number | undefined;
  readonly samples: number;
}

export interface MetricCounters {
  /** Measurements taken (Error excluded: a measurement that failed to happen uses no count). */
  readonly count: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly errors: number;
  readonly consecutiveErrors: number;
  readonly last?: LastMeasurement | undefined;
}

export interface RunState {
  /** Epoch ms the run started; `initialDelay` counts from here. */
  readonly startedAt: number;
  /** By metric key (`template/metric`); a metric never measured has no entry. */
  readonly metrics: Readonly<Record<string, MetricCounters>>;
}

export interface MetricSummary extends MetricCounters {
  readonly key: string;
  readonly phase: RunPhase;
  readonly dryRun: boolean;
  /** Why the metric is in its phase, for status and rollback reasons. */
  readonly message: string;
}

export interface RunStatus {
  readonly phase: RunPhase;
  /** Metrics to measure now (empty once the run has a verdict). */
  readonly due: readonly AnalysisMetric[];
  /** When the next measurement falls due, while the run is Running and nothing is due now. */
  readonly nextAt: number | undefined;
  readonly metrics: readonly MetricSummary[];
  readonly message: string;
}

export const EMPTY_COUNTERS: MetricCounters = {
  count: 0,
  successful: 0,
  failed: 0,
  inconclusive: 0,
  errors: 0,
  consecutiveErrors: 0,
};

export function startRun(now: number): RunState {
  return { startedAt: now, metrics: {} };
}

/** Folds measurements into the run's counters. */
export function recordMeasurements(
  state: RunState,
  measurements: readonly Measurement[],
): RunState {
  const metrics = { ...state.metrics };
  for (const m of measurements) {
    const c = metrics[m.metric] ?? EMPTY_COUNTERS;
    const error = m.phase === "Error";
    metrics[m.metric] = {
      count: c.count + (error ? 0 : 1),
      successful: c.successful + (m.phase === "Successful" ? 1 : 0),
      failed: c.failed + (m.phase === "Failed" ? 1 : 0),
      inconclusive: c.inconclusive + (m.phase === "Inconclusive" ? 1 : 0),
      errors: c.errors + (error ? 1 : 0),
      consecutiveErrors: error ? c.consecutiveErrors + 1 : 0,
      last: {
        at: m.at,
        phase: m.phase,
        value: m.value,
        stableValue: m.stableValue,
        samples: m.samples,
      },
    };
  }
  return { startedAt: state.startedAt, metrics };
}

/** When `metric` is next due, from its counters: after `initialDelay`, then every `interval`. */
export function nextMeasurementAt(metric: AnalysisMetric, state: RunState): number {
  const last = state.metrics[metric.key]?.last;
  return last ? last.at + metric.intervalMs : state.startedAt + metric.initialDelayMs;
}

/** A metric's phase from its counters (Argo Rollouts' limits: "more than N" trips). */
export function assessMetric(metric: AnalysisMetric, c: MetricCounters): [RunPhase, string] {
  if (c.failed > metric.failureLimit) {
    return ["Failed", `${c.failed} failed measurement(s) > failureLimit ${metric.failureLimit}`];
  }
  if (c.consecutiveErrors > metric.consecutiveErrorLimit) {
    const limit = metric.consecutiveErrorLimit;
    return ["Error", `${c.consecutiveErrors} consecutive errors > consecutiveErrorLimit ${limit}`];
  }
  if (c.inconclusive > metric.inconclusiveLimit) {
    const limit = metric.inconclusiveLimit;
    return [
      "Inconclusive",
      `${c.inconclusive} inconclusive measurement(s) > inconclusiveLimit ${limit}`,
    ];
  }
  if (metric.count !== undefined && c.count >= metric.count) {
    return ["Successful", `${c.successful}/${c.count} measurements successful`];
  }
  const of = metric.count === undefined ? "" : `/${metric.count}`;
  return ["Running", `${c.count}${of} measurements taken`];
}

const SEVERITY: readonly RunPhase[] = ["Failed", "Error", "Inconclusive", "Running", "Successful"];

/**
 * The run's verdict over its deciding (non-dry-run) metrics: the most severe metric phase
 * wins (Failed, Error, Inconclusive, Running, Successful). Once the verdict is not Running
 * nothing more is measured, dry-run metrics included.
 */
export function assessRun(
  metrics: readonly AnalysisMetric[],
  state: RunState,
  { now }: { readonly now: number },
): RunStatus {
  const summaries = metrics.map((metric): MetricSummary => {
    const counters = state.metrics[metric.key] ?? EMPTY_COUNTERS;
    const [phase, message] = assessMetric(metric, counters);
    return { key: metric.key, phase, dryRun: metric.dryRun, message, ...counters };
  });
  const deciding = summaries.filter((s) => !s.dryRun);
  const worst = SEVERITY.find((phase) => deciding.some((s) => s.phase === phase)) ?? "Successful";
  const worstMetric = deciding.find((s) => s.phase === worst);
  const message = worstMetric
    ? `${worstMetric.key}: ${worstMetric.message}`
    : "no deciding metrics";
  if (worst !== "Running") {
    return { phase: worst, due: [], nextAt: undefined, metrics: summaries, message };
  }
  const running = metrics.filter((_, i) => summaries[i]!.phase === "Running");
  const due = running.filter((metric) => nextMeasurementAt(metric, state) <= now);
  const later = running.map((metric) => nextMeasurementAt(metric, state)).filter((t) => t > now);
  const nextAt = due.length > 0 || later.length === 0 ? undefined : Math.min(...later);
  return { phase: "Running", due, nextAt, metrics: summaries, message };
}
