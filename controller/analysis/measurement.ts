/** One measurement of one metric, and how a provider's reading is judged into one. */
import { evaluateCondition } from "./expression.ts";
import { type AnalysisMetric, needsStable } from "./template.ts";

export type MeasurementPhase = "Successful" | "Failed" | "Inconclusive" | "Error";

/** What a provider read for one window: canary value, stable value, samples behind them. */
export interface Reading {
  readonly value: number;
  readonly stableValue?: number | undefined;
  /** Observations behind `value` (invocations, requests, data points). */
  readonly samples: number;
}

export interface Measurement {
  /** The metric's key, `template/metric`. */
  readonly metric: string;
  /** Epoch milliseconds when the measurement was taken. */
  readonly at: number;
  readonly value?: number | undefined;
  readonly stableValue?: number | undefined;
  readonly samples: number;
  readonly phase: MeasurementPhase;
  readonly message: string;
}

export type ProviderOutcome =
  | { readonly reading: Reading }
  | { readonly error: string };

/**
 * Judges a provider outcome with Argo Rollouts' rules: with both conditions, `failureCondition`
 * true fails, else `successCondition` true passes, else Inconclusive; with one condition, it
 * alone decides. Fewer samples than `minSamples`, or no stable value for a condition that
 * compares with stable, is Inconclusive: no data is never a pass.
 */
export function judge(
  metric: AnalysisMetric,
  outcome: ProviderOutcome,
  { at }: { readonly at: number },
): Measurement {
  const base = { metric: metric.key, at };
  if ("error" in outcome) {
    return { ...base, samples: 0, phase: "Error", message: outcome.error };
  }
  const { value, stableValue, samples } = outcome.reading;
  const read = { ...base, value, stableValue, samples };
  if (samples < metric.minSamples) {
    const message = `${samples} sample(s) < minSamples ${metric.minSamples}: not enough data`;
    return { ...read, phase: "Inconclusive", message };
  }
  if (needsStable(metric) && stableValue === undefined) {
    return { ...read, phase: "Inconclusive", message: "no stable measurement in this window" };
  }
  const variables = { result: value, stable: stableValue };
  const outcomes: Partial<Record<"success" | "failure", boolean>> = {};
  for (
    const [which, condition] of [["failure", metric.failureCondition], [
      "success",
      metric.successCondition,
    ]] as const
  ) {
    if (!condition) continue;
    const evaluation = evaluateCondition(condition, variables);
    if (!evaluation.ok) {
      return { ...read, phase: "Error", message: `${which}Condition: ${evaluation.message}` };
    }
    outcomes[which] = evaluation.value;
  }
  const shown = describe(value, stableValue);
  if (outcomes.failure === true) {
    return { ...read, phase: "Failed", message: `${shown}: ${metric.failureCondition?.text}` };
  }
  if (outcomes.success === true) {
    return { ...read, phase: "Successful", message: `${shown}: ${metric.successCondition?.text}` };
  }
  if (outcomes.success === false && outcomes.failure === undefined) {
    const text = metric.successCondition?.text;
    return { ...read, phase: "Failed", message: `${shown}: not (${text})` };
  }
  if (outcomes.success === undefined) {
    const text = metric.failureCondition?.text;
    return { ...read, phase: "Successful", message: `${shown}: not (${text})` };
  }
  return {
    ...read,
    phase: "Inconclusive",
    message:
      `${shown}: neither failure (${metric.failureCondition?.text}) nor success (${metric.successCondition?.text})`,
  };
}

function describe(value: number, stable: number | undefined): string {
  const round = (n: number) => Number(n.toPrecision(6));
  return stable === undefined
    ? `result=${round(value)}`
    : `result=${round(value)} stable=${round(stable)}`;
}
