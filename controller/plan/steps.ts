/**
 * The step machine of a progressive rollout (Argo Rollouts' `setWeight` / `pause` /
 * `analysis`), pure: from where the rollout stands, run every step that can complete now and
 * stop at the first one that must wait. The result is written to AWS in one alias update.
 */
import type { Step } from "./desired.ts";

export type AnalysisVerdict = "Running" | "Successful" | "Failed" | "Inconclusive";

export interface StepPosition {
  /** Index of the next step to run. */
  readonly step: number;
  readonly stepStartedAt: number;
  /** Percent of traffic on the new revision. */
  readonly weight: number;
}

export type Waiting =
  | { readonly kind: "pause"; readonly until: number | null }
  | {
    readonly kind: "analysis";
    readonly verdict: AnalysisVerdict;
    readonly templates: readonly string[];
  };

export interface StepResult extends StepPosition {
  /** Every step ran: the new revision takes all traffic. */
  readonly complete: boolean;
  /** Why the machine stopped before the end (`null` when complete). */
  readonly waiting: Waiting | null;
}

export interface StepInputs {
  readonly now: number;
  /** Verdicts of blocking analysis steps by step index (issue 5 fills this). */
  readonly verdicts?: Readonly<Record<number, AnalysisVerdict>>;
  /** Set by `rollout promote` (issue 5): the current pause ends now. */
  readonly promoted?: boolean;
}

export function runSteps(
  steps: readonly Step[],
  from: StepPosition,
  inputs: StepInputs,
): StepResult {
  let { step, stepStartedAt, weight } = from;
  let promoted = inputs.promoted ?? false;
  while (step < steps.length) {
    const current = steps[step]!;
    if (current.kind === "setWeight") {
      weight = current.weight;
    } else if (current.kind === "pause") {
      const until = current.durationMs === null ? null : stepStartedAt + current.durationMs;
      const over = promoted || (until !== null && inputs.now >= until);
      if (!over) {
        return { step, stepStartedAt, weight, complete: false, waiting: { kind: "pause", until } };
      }
      promoted = false;
    } else {
      const verdict = inputs.verdicts?.[step] ?? "Running";
      if (verdict !== "Successful") {
        return {
          step,
          stepStartedAt,
          weight,
          complete: false,
          waiting: { kind: "analysis", verdict, templates: current.templates },
        };
      }
    }
    step += 1;
    stepStartedAt = inputs.now;
  }
  return { step, stepStartedAt, weight: 100, complete: true, waiting: null };
}
