/** Gathers everything the ECS planner needs in as few reads as possible. */
import type { EcsPort } from "../aws/ecs_port.ts";
import type { DesiredEcs } from "../plan/desired.ts";
import {
  ecsNeedsDeploymentHistory,
  ecsRecordsDesired,
  type ObservedEcs,
} from "../plan/ecs_plan.ts";
import { sameTaskDefinition } from "../plan/task_definition.ts";
import { measureMetrics } from "../analysis/measure.ts";
import type { MetricProviders } from "../analysis/provider.ts";
import { recordMeasurements } from "../analysis/run.ts";
import { activeBake, assessBake, recordedRun, revisionOf } from "../plan/ecs_analysis.ts";

export interface ObserveEcsOptions {
  /** Analysis providers; without them nothing is measured (status, dry runs). */
  readonly metrics?: MetricProviders | undefined;
  readonly now: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Steady state costs one read (DescribeServices with tags): the tags record the task definition
 * this release applied. Task definitions are described only when that record does not match.
 */
export async function observeEcs(
  port: EcsPort,
  desired: DesiredEcs,
  options: ObserveEcsOptions = { now: Date.now() },
): Promise<ObservedEcs> {
  const service = await port.describeService(desired.cluster, desired.service);
  if (!service) {
    const clusterExists = await port.clusterExists(desired.cluster);
    const latestInFamily = await port.describeTaskDefinition(desired.taskDefinition.family);
    return { clusterExists, service: null, liveTaskDefinition: null, latestInFamily };
  }
  if (ecsRecordsDesired(desired, service)) {
    const observed = {
      clusterExists: null,
      service,
      liveTaskDefinition: null,
      latestInFamily: null,
    };
    const bake = activeBake(desired, service);
    if (!bake) return observed;
    // Our analysis during ECS's bake: measure what is due; the newest deployment's ARN is
    // what a rollback stops.
    const latestDeployment = await port.latestServiceDeployment(desired.cluster, desired.service);
    const now = options.now;
    let run = recordedRun(desired, service, bake, now);
    const status = assessBake(desired, run, now);
    if (options.metrics && status.due.length > 0) {
      const measurements = await measureMetrics(
        status.due.map((metric) => ({
          metric,
          since: run.metrics[metric.key]?.last?.at ?? run.startedAt,
        })),
        {
          providers: options.metrics,
          target: { cluster: desired.cluster, service: desired.service },
          versions: {
            canary: revisionOf(bake.canary.taskDefinitionArn),
            stable: revisionOf(bake.stable.taskDefinitionArn),
          },
          now,
          ...(options.signal ? { signal: options.signal } : {}),
        },
      );
      run = recordMeasurements(run, measurements);
    }
    return { ...observed, latestDeployment, bakeRun: run };
  }
  const liveTaskDefinition = await port.describeTaskDefinition(service.taskDefinitionArn);
  const liveMatches = liveTaskDefinition !== null &&
    sameTaskDefinition(liveTaskDefinition.spec, desired.taskDefinition);
  const latestInFamily = liveMatches
    ? null
    : await port.describeTaskDefinition(desired.taskDefinition.family);
  const latestDeployment = ecsNeedsDeploymentHistory(desired, service)
    ? await port.latestServiceDeployment(desired.cluster, desired.service)
    : null;
  return { clusterExists: null, service, liveTaskDefinition, latestInFamily, latestDeployment };
}
