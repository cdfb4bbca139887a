import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { paginate } from "../pagination.ts";
import {
  clusterArn,
  parseEcsArn,
  seconds,
  serviceArn,
  serviceDeploymentArn,
  serviceRevisionArn,
} from "./arns.ts";
import { conflict, invalidParameter, serviceDeploymentNotFound } from "./errors.ts";
import { findCluster, findService } from "./lookup.ts";
import type { ClusterRecord, EcsState, ServiceDeploymentRecord, ServiceRecord } from "./model.ts";
import { progressOf, revisionOf } from "./service_view.ts";
import type { DeploymentProgress } from "./timeline.ts";
import type { EcsTiming } from "./timing.ts";

interface Located {
  readonly cluster: ClusterRecord;
  readonly service: ServiceRecord;
  readonly deployment: ServiceDeploymentRecord;
}

/** ListServiceDeployments: newest first, filtered by status and creation time, paginated. */
export function listServiceDeployments(
  state: EcsState,
  ctx: RequestContext,
  options: { input: Fields; timing: EcsTiming },
): Record<string, unknown> {
  const { input, timing } = options;
  const cluster = findCluster(state, input.string("cluster"));
  const service = findService(cluster, input.requiredString("service"));
  const statuses = input.stringArray("status");
  const created = input.object("createdAt");
  const before = created?.number("before");
  const after = created?.number("after");
  const all = [...service.deployments].reverse()
    .map((deployment) => ({
      deployment,
      progress: progressOf(service, deployment, { now: ctx.now, timing }),
    }))
    .filter(({ deployment, progress }) =>
      (statuses === undefined || statuses.includes(progress.status)) &&
      (before === undefined || seconds(deployment.createdAt) <= before) &&
      (after === undefined || seconds(deployment.createdAt) >= after)
    );
  const { items, nextToken } = paginate(all, {
    token: input.string("nextToken"),
    limit: input.integer("maxResults", { min: 1, max: 100 }) ?? 20,
    invalidTokenCode: "InvalidParameterException",
  });
  return {
    serviceDeployments: items.map(({ deployment, progress }) => {
      const at = { cluster: cluster.name, service: service.name };
      return {
        serviceDeploymentArn: serviceDeploymentArn(ctx, { ...at, id: deployment.id }),
        serviceArn: serviceArn(ctx, cluster.name, service.name),
        clusterArn: clusterArn(ctx, cluster.name),
        startedAt: seconds(deployment.createdAt),
        createdAt: seconds(deployment.createdAt),
        ...(progress.finishedAt === undefined ? {} : { finishedAt: seconds(progress.finishedAt) }),
        targetServiceRevisionArn: serviceRevisionArn(ctx, {
          ...at,
          id: deployment.targetRevisionId,
        }),
        status: progress.status,
        ...(progress.statusReason === undefined ? {} : { statusReason: progress.statusReason }),
      };
    }),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
}

/** DescribeServiceDeployments: up to 20 by ARN, a MISSING failure for each unknown one. */
export function describeServiceDeployments(
  state: EcsState,
  ctx: RequestContext,
  options: { input: Fields; timing: EcsTiming },
): Record<string, unknown> {
  const arns = options.input.stringArray("serviceDeploymentArns") ?? [];
  if (arns.length === 0 || arns.length > 20) {
    throw invalidParameter("serviceDeploymentArns must name between 1 and 20 service deployments.");
  }
  const serviceDeployments: unknown[] = [];
  const failures: unknown[] = [];
  for (const arn of arns) {
    const found = locate(state, ctx, arn);
    if (!found) {
      failures.push({ arn, reason: "MISSING", detail: "The service deployment was not found." });
      continue;
    }
    const progress = progressOf(found.service, found.deployment, {
      now: ctx.now,
      timing: options.timing,
    });
    serviceDeployments.push(serviceDeploymentView(ctx, found, progress));
  }
  return { serviceDeployments, failures };
}

/**
 * StopServiceDeployment: ROLLBACK (default) returns traffic and tasks to the source revision;
 * ABORT stops where it stands. A deployment already rolling back continues; a finished one
 * cannot be stopped (ConflictException).
 */
export function stopServiceDeployment(
  state: EcsState,
  ctx: RequestContext,
  options: { input: Fields; timing: EcsTiming },
): Record<string, unknown> {
  const arn = options.input.requiredString("serviceDeploymentArn");
  const stopType = options.input.string("stopType") ?? "ROLLBACK";
  if (stopType !== "ROLLBACK" && stopType !== "ABORT") {
    throw invalidParameter(`Invalid stopType ${stopType}: expected ROLLBACK or ABORT.`);
  }
  const found = locate(state, ctx, arn);
  if (!found) throw serviceDeploymentNotFound(arn);
  const progress = progressOf(found.service, found.deployment, {
    now: ctx.now,
    timing: options.timing,
  });
  if (progress.status === "ROLLBACK_IN_PROGRESS" || progress.status === "ROLLBACK_REQUESTED") {
    return { serviceDeploymentArn: arn };
  }
  if (progress.status !== "IN_PROGRESS" && progress.status !== "PENDING") {
    throw conflict(`The service deployment cannot be stopped: it is ${progress.status}.`);
  }
  if (stopType === "ROLLBACK" && found.deployment.sourceRevisionId === undefined) {
    throw conflict(
      "The service deployment cannot be rolled back: there is no previous service revision.",
    );
  }
  found.deployment.stop = { type: stopType, at: ctx.now };
  return { serviceDeploymentArn: arn };
}

function serviceDeploymentView(
  ctx: RequestContext,
  found: Located,
  progress: DeploymentProgress,
): Record<string, unknown> {
  const { cluster, service, deployment } = found;
  const at = { cluster: cluster.name, service: service.name };
  const revisionArn = (id: string) => serviceRevisionArn(ctx, { ...at, id });
  const source = revisionOf(service, deployment.sourceRevisionId);
  const n = service.desiredCount;
  return {
    serviceDeploymentArn: serviceDeploymentArn(ctx, { ...at, id: deployment.id }),
    serviceArn: serviceArn(ctx, cluster.name, service.name),
    clusterArn: clusterArn(ctx, cluster.name),
    createdAt: seconds(deployment.createdAt),
    startedAt: seconds(deployment.createdAt),
    ...(progress.finishedAt === undefined ? {} : { finishedAt: seconds(progress.finishedAt) }),
    ...(progress.stoppedAt === undefined ? {} : { stoppedAt: seconds(progress.stoppedAt) }),
    updatedAt: seconds(progress.updatedAt),
    sourceServiceRevisions: source
      ? [{
        arn: revisionArn(source.id),
        requestedTaskCount: progress.source.running + progress.source.pending,
        runningTaskCount: progress.source.running,
        pendingTaskCount: progress.source.pending,
        requestedProductionTrafficWeight: 100 - progress.target.trafficPercent,
      }]
      : [],
    targetServiceRevision: {
      arn: revisionArn(deployment.targetRevisionId),
      requestedTaskCount: progress.rollback ? 0 : n,
      runningTaskCount: progress.target.running,
      pendingTaskCount: progress.target.pending,
      requestedProductionTrafficWeight: progress.target.trafficPercent,
    },
    status: progress.status,
    ...(progress.statusReason === undefined ? {} : { statusReason: progress.statusReason }),
    lifecycleStage: progress.lifecycleStage,
    deploymentConfiguration: deployment.config,
    ...(progress.rollback && source
      ? {
        rollback: {
          reason: progress.rollback.reason,
          startedAt: seconds(progress.rollback.startedAt),
          serviceRevisionArn: revisionArn(source.id),
        },
      }
      : {}),
    deploymentCircuitBreaker: progress.circuitBreaker,
    alarms: { status: "DISABLED" },
  };
}

function locate(state: EcsState, ctx: RequestContext, arn: string): Located | undefined {
  const parsed = parseEcsArn(arn);
  if (!parsed || parsed.type !== "service-deployment") return undefined;
  if (parsed.accountId !== ctx.accountId || parsed.region !== ctx.region) return undefined;
  const [clusterName = "", serviceName = "", id = ""] = parsed.path;
  const cluster = Object.hasOwn(state.clusters, clusterName)
    ? state.clusters[clusterName]
    : undefined;
  const service = cluster && Object.hasOwn(cluster.services, serviceName)
    ? cluster.services[serviceName]
    : undefined;
  const deployment = service?.deployments.find((d) => d.id === id);
  return cluster && service && deployment ? { cluster, service, deployment } : undefined;
}
