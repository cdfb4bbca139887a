import type { RequestContext } from "../context.ts";
import { nameFromArnOrName, taskDefinitionArn } from "./arns.ts";
import { clientException, clusterNotFound, invalidParameter, serviceNotFound } from "./errors.ts";
import type { ClusterRecord, EcsState, ServiceRecord, TaskDefinitionRecord } from "./model.ts";

/** The cluster a `cluster` parameter (name or ARN, default `default`) names, or 400. */
export function findCluster(state: EcsState, ref: string | undefined): ClusterRecord {
  const name = nameFromArnOrName(ref ?? "default");
  const cluster = Object.hasOwn(state.clusters, name) ? state.clusters[name] : undefined;
  if (!cluster) throw clusterNotFound();
  return cluster;
}

export function findService(cluster: ClusterRecord, ref: string): ServiceRecord {
  const service = lookupService(cluster, ref);
  if (!service) throw serviceNotFound();
  return service;
}

export function lookupService(cluster: ClusterRecord, ref: string): ServiceRecord | undefined {
  const name = nameFromArnOrName(ref);
  return Object.hasOwn(cluster.services, name) ? cluster.services[name] : undefined;
}

/**
 * A task definition by `family` (its latest ACTIVE revision), `family:revision` or ARN;
 * undefined when there is none.
 */
export function lookupTaskDefinition(
  state: EcsState,
  ref: string,
): TaskDefinitionRecord | undefined {
  const short = ref.startsWith("arn:") ? ref.slice(ref.indexOf("task-definition/") + 16) : ref;
  const [family = "", revision] = short.split(":");
  const revisions = Object.hasOwn(state.taskDefinitions, family)
    ? state.taskDefinitions[family]
    : undefined;
  if (!revisions) return undefined;
  if (revision === undefined) return revisions.filter((r) => r.status === "ACTIVE").at(-1);
  return revisions.find((r) => String(r.revision) === revision);
}

/** DescribeTaskDefinition's lookup: ClientException when missing. */
export function describeableTaskDefinition(state: EcsState, ref: string): TaskDefinitionRecord {
  const found = lookupTaskDefinition(state, ref);
  if (!found) throw clientException("Unable to describe task definition.");
  return found;
}

/** The ACTIVE task definition a service is to run; InvalidParameterException otherwise. */
export function deployableTaskDefinition(
  state: EcsState,
  ctx: RequestContext,
  { ref }: { ref: string },
): { record: TaskDefinitionRecord; arn: string } {
  const record = lookupTaskDefinition(state, ref);
  if (!record) throw invalidParameter("TaskDefinition not found.");
  if (record.status !== "ACTIVE") {
    throw invalidParameter(`TaskDefinition is inactive: ${record.family}:${record.revision}`);
  }
  return { record, arn: taskDefinitionArn(ctx, record.family, record.revision) };
}
