/** ECS release health from the deployments ECS reports (pure); sync is the planner's call. */
import type { LiveService } from "../aws/ecs_port.ts";
import { shortTd } from "./plan_format.ts";
import type { Health, ReleaseStatus, TrafficSlice } from "./status.ts";
import { TAG_COMMIT, TAG_REVISION, TAG_TASK_DEFINITION } from "./tags.ts";

/** Health from the deployments ECS reports; sync is decided by the caller. */
export function baseStatus(service: LiveService): Omit<ReleaseStatus, "sync"> {
  const primary = service.deployments.find((x) => x.status === "PRIMARY");
  const live: TrafficSlice[] = service.deployments
    .filter((x) => x.status !== "INACTIVE")
    .map((x) => ({
      target: shortTd(x.taskDefinitionArn),
      revision: x.taskDefinitionArn === service.tags[TAG_TASK_DEFINITION]
        ? service.tags[TAG_REVISION] ?? null
        : null,
      weight: service.runningCount > 0
        ? Math.round((x.runningCount / Math.max(1, totalRunning(service))) * 100)
        : x.status === "PRIMARY"
        ? 100
        : 0,
    }));
  let health: Health = "Healthy";
  let reason = "Synced";
  let message = `${service.runningCount}/${service.desiredCount} tasks of ${
    shortTd(service.taskDefinitionArn)
  } running`;
  if (
    !primary || primary.rolloutState === "IN_PROGRESS" || service.deployments.length > 1 ||
    service.runningCount < service.desiredCount
  ) {
    health = "Progressing";
    reason = "DeploymentInProgress";
    message = `deployment of ${shortTd(service.taskDefinitionArn)} in progress: ` +
      `${primary?.runningCount ?? 0}/${primary?.desiredCount ?? service.desiredCount} tasks`;
  }
  if (primary?.rolloutState === "FAILED") {
    health = "Degraded";
    reason = "DeploymentFailed";
    message = primary.rolloutStateReason || "ECS deployment failed";
  }
  const baking = primary !== undefined && primary.rolloutState === "IN_PROGRESS" &&
    primary.runningCount >= primary.desiredCount;
  return {
    health,
    reason,
    message,
    drift: [],
    baking,
    live,
    step: null,
    since: primary?.updatedAt?.getTime() ?? null,
    appliedCommit: service.tags[TAG_COMMIT] ?? null,
  };
}

function totalRunning(service: LiveService): number {
  return service.deployments.reduce((sum, x) => sum + x.runningCount, 0);
}
