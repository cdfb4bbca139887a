import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { clusterArn, nameFromArnOrName } from "./arns.ts";
import { invalidParameter } from "./errors.ts";
import type { ClusterRecord, EcsState } from "./model.ts";
import { readTags } from "./tags.ts";
import { clusterCounts } from "./service_view.ts";
import type { EcsTiming } from "./timing.ts";

/** CreateCluster: idempotent by name, as on AWS (an existing cluster is returned). */
export function createCluster(state: EcsState, ctx: RequestContext, input: Fields): ClusterRecord {
  const name = input.string("clusterName") ?? "default";
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) {
    throw invalidParameter(
      "Cluster name must be 1-255 characters: letters (upper and lower), numbers, hyphens and underscores.",
    );
  }
  const existing = Object.hasOwn(state.clusters, name) ? state.clusters[name] : undefined;
  if (existing) return existing;
  const cluster: ClusterRecord = {
    name,
    createdAt: ctx.now,
    tags: readTags(input) ?? [],
    settings: input.array("settings") ?? [{ name: "containerInsights", value: "disabled" }],
    services: {},
  };
  state.clusters[name] = cluster;
  return cluster;
}

/** DescribeClusters: known clusters, and a MISSING failure for each unknown one. */
export function describeClusters(
  state: EcsState,
  ctx: RequestContext,
  options: { refs: readonly string[]; includeTags: boolean; timing: EcsTiming },
): { clusters: unknown[]; failures: unknown[] } {
  const clusters: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of options.refs.length > 0 ? options.refs : ["default"]) {
    const name = nameFromArnOrName(ref);
    const cluster = Object.hasOwn(state.clusters, name) ? state.clusters[name] : undefined;
    if (!cluster) {
      failures.push({ arn: clusterArn(ctx, name), reason: "MISSING" });
      continue;
    }
    clusters.push(clusterView(ctx, cluster, options));
  }
  return { clusters, failures };
}

export function clusterView(
  ctx: RequestContext,
  cluster: ClusterRecord,
  options: { includeTags: boolean; timing: EcsTiming },
): Record<string, unknown> {
  const counts = clusterCounts(cluster, { now: ctx.now, timing: options.timing });
  return {
    clusterArn: clusterArn(ctx, cluster.name),
    clusterName: cluster.name,
    status: "ACTIVE",
    registeredContainerInstancesCount: 0,
    runningTasksCount: counts.running,
    pendingTasksCount: counts.pending,
    activeServicesCount: Object.keys(cluster.services).length,
    statistics: [],
    ...(options.includeTags ? { tags: cluster.tags } : {}),
    settings: cluster.settings,
    capacityProviders: ["FARGATE", "FARGATE_SPOT"],
    defaultCapacityProviderStrategy: [],
  };
}
