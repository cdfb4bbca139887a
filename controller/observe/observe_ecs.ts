/** Gathers everything the ECS planner needs in as few reads as possible. */
import type { EcsPort } from "../aws/ecs_port.ts";
import type { DesiredEcs } from "../plan/desired.ts";
import {
  ecsNeedsDeploymentHistory,
  ecsRecordsDesired,
  type ObservedEcs,
} from "../plan/ecs_plan.ts";
import { sameTaskDefinition } from "../plan/task_definition.ts";

/**
 * Steady state costs one read (DescribeServices with tags): the tags record the task definition
 * this release applied. Task definitions are described only when that record does not match.
 */
export async function observeEcs(port: EcsPort, desired: DesiredEcs): Promise<ObservedEcs> {
  const service = await port.describeService(desired.cluster, desired.service);
  if (!service) {
    const clusterExists = await port.clusterExists(desired.cluster);
    const latestInFamily = await port.describeTaskDefinition(desired.taskDefinition.family);
    return { clusterExists, service: null, liveTaskDefinition: null, latestInFamily };
  }
  if (ecsRecordsDesired(desired, service)) {
    return { clusterExists: null, service, liveTaskDefinition: null, latestInFamily: null };
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
