/** A LambdaRelease's strategy as explicit canary steps, with presets expanded. */
import type { CanaryStep, LambdaRelease } from "./kinds.ts";
import type { PRESETS } from "./lambda_release.ts";

type Preset = (typeof PRESETS)[number];

const MINUTE = 60_000;

function canary(weight: number, pauseMs: number): CanaryStep[] {
  return [{ setWeight: weight }, { pause: { duration: pauseMs } }];
}

function linear(stepPercent: number, pauseMs: number): CanaryStep[] {
  const steps: CanaryStep[] = [];
  for (let weight = stepPercent; weight < 100; weight += stepPercent) {
    steps.push(...canary(weight, pauseMs));
  }
  return steps;
}

const EXPANSIONS: Readonly<Record<Preset, readonly CanaryStep[]>> = {
  AllAtOnce: [],
  Canary10Percent5Minutes: canary(10, 5 * MINUTE),
  Canary10Percent10Minutes: canary(10, 10 * MINUTE),
  Linear10PercentEvery1Minute: linear(10, MINUTE),
  Linear10PercentEvery3Minutes: linear(10, 3 * MINUTE),
};

/**
 * The steps a release walks through before full promotion, as in Argo Rollouts:
 * reaching the end of the steps promotes to 100 %. Presets expand like AWS
 * CodeDeploy's (`Canary10Percent5Minutes` = 10 %, pause 5m, then all). A release
 * without a strategy, or with explicit `traffic`, has no steps (one write).
 */
export function canarySteps(release: LambdaRelease): readonly CanaryStep[] {
  const strategy = release.spec.strategy;
  if (strategy === undefined) return [];
  if ("preset" in strategy) return EXPANSIONS[strategy.preset];
  return strategy.canary.steps;
}
