/**
 * Our analysis during an ECS bake, pure. ECS moves the traffic itself (CANARY, LINEAR,
 * BLUE_GREEN); the controller measures the new deployment against the old one while it bakes
 * and, when the analysis fails, asks ECS to roll back (`StopServiceDeployment`, ROLLBACK) and
 * quarantines the release (`mlnews.dev/rollout=failed`). The run lives in a service tag keyed
 * by the deployment it belongs to, so a later deployment (a `retry`) starts a fresh run.
 */
import { assessRun, type RunState, type RunStatus, startRun } from "../analysis/run.ts";
import { decodeRun, encodeRun } from "../analysis/run_codec.ts";
import { type AnalysisMetric, runMetrics } from "../analysis/template.ts";
import type { LiveDeployment, LiveService } from "../aws/ecs_port.ts";
import type { DesiredEcs } from "./desired.ts";
import { RUN_TAGS } from "./rollout_tags.ts";
import { TAG_ROLLOUT, TAG_TASK_DEFINITION } from "./tags.ts";

export const TAG_ANALYSIS = RUN_TAGS.a!;
/** Why and when the release was rolled back: `<reason>.<at base36>[.<metric>]`. */
export const TAG_FAILURE = "mlnews.dev/failure";

/** The deployment being baked and the one it replaces, when our analysis should run. */
export interface Bake {
  readonly canary: LiveDeployment;
  readonly stable: LiveDeployment;
}

/** The bake our analysis runs in: this release's deployment in progress next to the old one. */
export function activeBake(desired: DesiredEcs, service: LiveService): Bake | null {
  if (!desired.analysis || service.tags[TAG_ROLLOUT] !== "applied") return null;
  const recorded = service.tags[TAG_TASK_DEFINITION];
  const canary = service.deployments.find((d) =>
    d.status === "PRIMARY" && d.taskDefinitionArn === recorded && d.rolloutState === "IN_PROGRESS"
  );
  const stable = service.deployments.find((d) => d.status === "ACTIVE");
  return canary && stable ? { canary, stable } : null;
}

export function bakeMetrics(desired: DesiredEcs): AnalysisMetric[] {
  return desired.analysis ? runMetrics(desired.templates, desired.analysis.templates) : [];
}

/** The run recorded for this bake's deployment, or a new one starting `now`. */
export function recordedRun(
  desired: DesiredEcs,
  service: LiveService,
  bake: Bake,
  now: number,
): RunState {
  const value = service.tags[TAG_ANALYSIS] ?? "";
  const prefix = `${bake.canary.id}@`;
  if (value.startsWith(prefix)) {
    try {
      return decodeRun(value.slice(prefix.length), bakeMetrics(desired));
    } catch { /* a template changed: measure again from the start */ }
  }
  return startRun(now);
}

export function runTag(desired: DesiredEcs, bake: Bake, run: RunState): Record<string, string> {
  return { [TAG_ANALYSIS]: `${bake.canary.id}@${encodeRun(run, bakeMetrics(desired))}` };
}

export function assessBake(desired: DesiredEcs, run: RunState, now: number): RunStatus {
  return assessRun(bakeMetrics(desired), run, { now });
}

/** Task-definition revision (`ml-news-inference:7` → `7`): the version the metrics key on. */
export function revisionOf(taskDefinitionArn: string): string {
  return taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf(":") + 1);
}
