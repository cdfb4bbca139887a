/**
 * The strategy the step machine runs: canary steps in Argo Rollouts' vocabulary
 * (`setWeight` / `pause` / `analysis`; presets expanded by the manifest module), background
 * analysis, post-promotion bake, progress deadline and rollback policy.
 */
import type { Step } from "../plan/desired.ts";
import { type CanaryStep, canarySteps, type LambdaRelease } from "../manifest/mod.ts";

export type { Step } from "../plan/desired.ts";

export interface RolloutStrategy {
  readonly steps: readonly Step[];
  /** Background analysis: runs from step `startingStep` until promotion. */
  readonly background?: { readonly templates: readonly string[]; readonly startingStep: number };
  /** Post-promotion bake: analysis keeps running this long after 100 %. */
  readonly bake?: { readonly templates: readonly string[]; readonly durationMs: number };
  /** A step that makes no progress for this long (pauses and human holds excepted) aborts. */
  readonly progressDeadlineMs: number;
  /** `auto`: failed analysis rolls back; `manual`: it waits for `abort` or `promote`. */
  readonly rollbackPolicy: "auto" | "manual";
}

/** One manifest canary step as the machine's `Step`. */
export function toStep(step: CanaryStep): Step {
  if ("setWeight" in step) return { kind: "setWeight", weight: step.setWeight };
  if ("pause" in step) return { kind: "pause", durationMs: step.pause.duration ?? null };
  return { kind: "analysis", templates: step.analysis.templates };
}

/** The rollout strategy of a validated `LambdaRelease`. */
export function lambdaStrategy(release: Pick<LambdaRelease, "spec">): RolloutStrategy {
  const spec = release.spec;
  const strategy = spec.strategy;
  const background = strategy && "canary" in strategy ? strategy.canary.analysis : undefined;
  const post = spec.postPromotionAnalysis;
  return {
    steps: canarySteps(release as LambdaRelease).map(toStep),
    ...(background ? { background } : {}),
    ...(post ? { bake: { templates: post.templates, durationMs: post.duration } } : {}),
    progressDeadlineMs: spec.progressDeadline,
    rollbackPolicy: spec.rollbackPolicy,
  };
}

/** The weights a rollout of these steps writes, in order (promotion excluded). */
export function plannedWeights(steps: readonly Step[]): number[] {
  const weights: number[] = [];
  for (const step of steps) {
    if (step.kind === "setWeight" && step.weight !== (weights.at(-1) ?? 0)) {
      weights.push(step.weight);
    }
  }
  return weights;
}
