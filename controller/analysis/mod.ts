/**
 * Metric analysis, as Argo Rollouts' AnalysisTemplate / AnalysisRun: a safe condition language,
 * pure analysis runs over persisted counters, and metric providers behind one port.
 *
 * - `compileTemplate(manifest)` parses every condition once, at load (errors carry field path
 *   and column); `parseCondition(text)` for one condition.
 * - `assessRun(metrics, runState, { now })` → `{phase, due, nextAt, metrics, message}`;
 *   `recordMeasurements(runState, measurements)` folds results in; `encodeRun`/`decodeRun`
 *   give the compact persisted form.
 * - `judge(metric, outcome, { at })` turns a provider reading into a `Measurement` (minSamples:
 *   too few samples is Inconclusive — no data is never a pass).
 * - `measureMetrics(due, {providers, target, versions, now})` takes a `measure` decision's
 *   measurements through the providers (`localAwsProvider`, `cloudWatchProvider` over
 *   `controller/aws/cloudwatch_metrics.ts`, `webProvider`, `prometheusProvider`); it never
 *   throws: failures are Error measurements.
 *
 * @example
 * ```ts
 * const compiled = compileTemplate(manifest);
 * if (!compiled.ok) throw new Error(compiled.problems[0]!.message);
 * let run = startRun(now);
 * const status = assessRun(compiled.template.metrics, run, { now });
 * ```
 */
export {
  type Condition,
  ConditionSyntaxError,
  evaluateCondition,
  type Evaluation,
  parseCondition,
  type ParseResult,
} from "./expression.ts";
export {
  type AnalysisMetric,
  type AnalysisTemplate,
  type AnalysisTemplateManifest,
  type CompileResult,
  compileTemplate,
  needsStable,
  type ProviderSpec,
  runMetrics,
  type TemplateProblem,
} from "./template.ts";
export {
  judge,
  type Measurement,
  type MeasurementPhase,
  type ProviderOutcome,
  type Reading,
} from "./measurement.ts";
export {
  assessRun,
  type MetricSummary,
  recordMeasurements,
  type RunPhase,
  type RunState,
  type RunStatus,
  startRun,
} from "./run.ts";
export { decodeRun, encodeRun, RunCodecError } from "./run_codec.ts";
export { type DueMeasurement, type MeasureContext, measureMetrics } from "./measure.ts";
export {
  type MetricProvider,
  type MetricProviders,
  type MetricQuery,
  type MetricTarget,
  type MetricWindow,
  ProviderError,
  type ProviderKind,
  type Versions,
} from "./provider.ts";
export { localAwsProvider, type LocalAwsProviderOptions } from "./local_aws_provider.ts";
export {
  type CloudWatchMetricsPort,
  cloudWatchProvider,
  type MetricSeries,
  type MetricStatQuery,
} from "./cloudwatch_provider.ts";
export { webProvider, type WebProviderOptions } from "./web_provider.ts";
export { prometheusProvider, type PrometheusProviderOptions } from "./prometheus_provider.ts";
