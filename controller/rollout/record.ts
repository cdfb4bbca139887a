/** Folding measurements taken for a `measure` decision back into the rollout state. */
import type { Measurement } from "../analysis/measurement.ts";
import { recordMeasurements, startRun } from "../analysis/run.ts";
import type { RolloutState, RunKind } from "./state.ts";

/**
 * Records `measurements` in the run they were taken for (pass the `measure` decision itself
 * as `taken`). Persist the result before the
 * next decision: a measurement lost in a crash is simply taken again, never skipped.
 */
export function recordRolloutMeasurements(
  taken: { readonly state: RolloutState; readonly run: RunKind },
  measurements: readonly Measurement[],
): RolloutState {
  const { state, run } = taken;
  if (run === "background") {
    const current = state.background ?? startRun(measurements[0]?.at ?? state.stepStartedAt);
    return { ...state, background: recordMeasurements(current, measurements) };
  }
  const current = state.analysis ?? startRun(measurements[0]?.at ?? state.stepStartedAt);
  return { ...state, analysis: recordMeasurements(current, measurements) };
}
