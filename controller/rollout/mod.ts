/**
 * Progressive delivery's step machine (Argo Rollouts' canary, for Lambda aliases and ECS):
 * pure functions from the release's strategy, the persisted rollout state, a manual command
 * and `now` to ONE decision. The controller's plan calls `decide`, its apply executes the
 * decision and persists `decision.state` (in the same write where it can, e.g. the alias
 * description written by the same `UpdateAlias`).
 *
 * The controller loop for one release, each pass:
 *
 * ```ts
 * import { decide, decodeRolloutState, encodeRolloutState, lambdaStrategy, recordRolloutMeasurements } from "./mod.ts";
 * const context = { strategy: lambdaStrategy(release), templates };
 * let decision = decide({ revision, stableRevision, strategy: context.strategy, templates,
 *   state: decodeRolloutState(persistedFields, context), command, now: clock.now().getTime() });
 * // measure: take decision.metrics with analysis/mod.ts's `measureMetrics`, then
 * //   persist(recordRolloutMeasurements(decision, measurements)) and decide again;
 * // setWeight: alias routing {primary: stable, extra: {canary, weight}} + state, one write;
 * // promote:   alias routing {primary: canary, extra: null} + state, one write;
 * // rollback:  alias routing {primary: stable, extra: null} + state, one write (Degraded, quarantined);
 * // wait / pauseForHuman / quarantined / done: persist decision.state if its encoding changed.
 * ```
 *
 * Persisted state: `encodeRolloutState` gives short `key=value` fields (tag-safe characters,
 * each ≤ 256): `rev ph st t w` always, `h f c` when set, `a`/`b`/`s` for the analysis runs. All
 * of them must be persisted. The controller keeps them on AWS (`plan/lambda_plan.ts`): the alias
 * description holds the routing facts (`plan/alias_state.ts`) and every field but the runs, which
 * go to step-keyed function tags (`plan/rollout_tags.ts`); the observer
 * (`observe/observe_lambda.ts`) takes `measure` decisions' measurements.
 *
 * `summarizeRollout(input)` gives what `status` shows: `Step 3/7`, weight written, next action
 * and time, promotion estimate, each metric's last measurement, why it was rolled back.
 *
 * `observedWeight` (percent live on the revision) makes writes idempotent when state cannot be
 * written atomically with the effect (ECS, tags): a weight already live is not written again.
 */
export { decide, type Decision, type DueMetric, type RolloutInput } from "./machine.ts";
export { recordRolloutMeasurements } from "./record.ts";
export {
  analysisDuration,
  type RolloutSummary,
  type RunSummary,
  summarizeRollout,
} from "./summary.ts";
export type { CommandKind, ManualCommand } from "./command.ts";
export {
  type Failure,
  type FailureReason,
  type Hold,
  type HoldKind,
  isQuarantined,
  type RolloutPhase,
  type RolloutState,
  type RunKind,
} from "./state.ts";
export {
  decodeRolloutState,
  encodeRolloutState,
  fieldsToText,
  RolloutStateError,
  type StateContext,
  textToFields,
} from "./state_codec.ts";
export {
  lambdaStrategy,
  plannedWeights,
  type RolloutStrategy,
  type Step,
  toStep,
} from "./steps.ts";
