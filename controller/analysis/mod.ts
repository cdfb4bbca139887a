/**
 * Metric analysis, as Argo Rollouts' AnalysisTemplate / AnalysisRun: a safe condition language,
 * pure analysis runs over persisted counters, and metric providers behind one port.
 *
 * - `compileTemplate(manifest)` parses every condition once, at load (errors carry field path
 *   and column); `parseCondition(text)` for one condition.
 * - `assessRun(metrics, runState, now)` → `{phase, due, nextAt, metrics, message}`;
 *   `recordMeasurements(runState, measurements)` folds results in; `encodeRun`/`decodeRun`
 *   give the compact persisted form.
 * - `judge(metric, outcome, at)` turns a provider reading into a `Measurement` (minSamples:
 *   too few samples is Inconclusive — no data is never a pass).
 *
 * @example
 * ```ts
 * const compiled = compileTemplate(manifest);
 * if (!compiled.ok) throw new Error(compiled.problems[0]!.message);
 * let run = startRun(now);
 * const status = assessRun(compiled.template.metrics, run, now);
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
