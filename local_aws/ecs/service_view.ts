import type { RequestContext } from "../context.ts";
import { clusterArn, seconds, serviceArn, serviceDeploymentArn, stableHexId } from "./arns.ts";
import type {
  ClusterRecord,
  RevisionRecord,
  ServiceDeploymentRecord,
  ServiceRecord,
} from "./model.ts";
import { type DeploymentProgress, deploymentProgress } from "./timeline.ts";
import type { EcsTiming } from "./timing.ts";

/** One entry of Service.deployments, before rendering. */
export interface DeploymentEntry {
  readonly id: string;
  readonly status: "PRIMARY" | "ACTIVE";
  readonly taskDefinitionArn: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly failedTasks: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly rolloutState: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  readonly rolloutStateReason: string;
  /** Share of the service's traffic (0–100) its load balancer sends to this entry's tasks. */
  readonly trafficPercent: number;
  /** The service revision the entry runs (its image decides the failure convention). */
  readonly revision: RevisionRecord;
}

export interface ServiceSnapshot {
  readonly current?: {
    readonly record: ServiceDeploymentRecord;
    readonly progress: DeploymentProgress;
  };
  readonly deployments: readonly DeploymentEntry[];
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly taskDefinitionArn: string;
}

export function revisionOf(
  service: ServiceRecord,
  id: string | undefined,
): RevisionRecord | undefined {
  return id === undefined ? undefined : service.revisions.find((r) => r.id === id);
}

/** Progress of one service deployment of `service` at `now`. */
export function progressOf(
  service: ServiceRecord,
  deployment: ServiceDeploymentRecord,
  options: { now: number; timing: EcsTiming },
): DeploymentProgress {
  const target = revisionOf(service, deployment.targetRevisionId);
  if (!target) {
    throw new Error(`local AWS state is corrupt: revision ${deployment.targetRevisionId} missing`);
  }
  return deploymentProgress({
    deployment,
    target,
    source: revisionOf(service, deployment.sourceRevisionId),
    desiredCount: service.desiredCount,
    timing: options.timing,
    now: options.now,
  });
}

/** The Service.deployments id whose tasks serve once `deployment` settles as `progress` says. */
export function servingEcsId(
  deployment: ServiceDeploymentRecord,
  progress: DeploymentProgress,
): string | undefined {
  if (progress.rollback) return deployment.rollbackEcsId;
  return progress.servingRevisionId === deployment.targetRevisionId
    ? deployment.ecsId
    : deployment.sourceEcsId;
}

/** Everything about a service that changes with time, at `now`. */
export function serviceSnapshot(
  service: ServiceRecord,
  options: { now: number; timing: EcsTiming },
): ServiceSnapshot {
  const record = service.deployments.at(-1);
  if (!record) {
    return { deployments: [], runningCount: 0, pendingCount: 0, taskDefinitionArn: "" };
  }
  const progress = progressOf(service, record, options);
  const target = revisionOf(service, record.targetRevisionId)!;
  const source = revisionOf(service, record.sourceRevisionId);
  const n = service.desiredCount;
  const entries: DeploymentEntry[] = [];
  const targetEntry = (status: "PRIMARY" | "ACTIVE"): DeploymentEntry => ({
    id: record.ecsId,
    status,
    taskDefinitionArn: target.taskDefinitionArn,
    desiredCount: status === "PRIMARY" ? n : progress.target.running,
    runningCount: progress.target.running,
    pendingCount: progress.target.pending,
    failedTasks: progress.target.failedTasks,
    createdAt: record.createdAt,
    updatedAt: progress.updatedAt,
    rolloutState: progress.rolloutState,
    rolloutStateReason: progress.rolloutStateReason,
    trafficPercent: progress.target.trafficPercent,
    revision: target,
  });
  if (progress.rollback && source) {
    entries.push({
      id: record.rollbackEcsId,
      status: "PRIMARY",
      taskDefinitionArn: source.taskDefinitionArn,
      desiredCount: n,
      runningCount: progress.source.running,
      pendingCount: progress.source.pending,
      failedTasks: 0,
      createdAt: progress.rollback.startedAt,
      updatedAt: progress.updatedAt,
      rolloutState: progress.rollback.done ? "COMPLETED" : "IN_PROGRESS",
      rolloutStateReason: progress.rollback.done
        ? `ECS deployment ${record.rollbackEcsId} completed.`
        : `ECS deployment ${record.rollbackEcsId} in progress: ${progress.rollback.reason}`,
      trafficPercent: 100 - progress.target.trafficPercent,
      revision: source,
    });
    if (!progress.rollback.done) entries.push(targetEntry("ACTIVE"));
  } else {
    entries.push(targetEntry("PRIMARY"));
    if (
      source && record.sourceEcsId &&
      (progress.source.running > 0 || progress.status === "IN_PROGRESS")
    ) {
      entries.push({
        id: record.sourceEcsId,
        status: "ACTIVE",
        taskDefinitionArn: source.taskDefinitionArn,
        desiredCount: progress.source.running,
        runningCount: progress.source.running,
        pendingCount: 0,
        failedTasks: 0,
        createdAt: source.createdAt,
        updatedAt: progress.updatedAt,
        rolloutState: "COMPLETED",
        rolloutStateReason: `ECS deployment ${record.sourceEcsId} completed.`,
        trafficPercent: 100 - progress.target.trafficPercent,
        revision: source,
      });
    }
  }
  return {
    current: { record, progress },
    deployments: entries,
    runningCount: entries.reduce((sum, e) => sum + e.runningCount, 0),
    pendingCount: entries.reduce((sum, e) => sum + e.pendingCount, 0),
    taskDefinitionArn:
      (revisionOf(service, progress.primaryRevisionId) ?? target).taskDefinitionArn,
  };
}

/** Running and pending tasks over all services of a cluster. */
export function clusterCounts(
  cluster: ClusterRecord,
  options: { now: number; timing: EcsTiming },
): { running: number; pending: number } {
  let running = 0;
  let pending = 0;
  for (const service of Object.values(cluster.services)) {
    const snapshot = serviceSnapshot(service, options);
    running += snapshot.runningCount;
    pending += snapshot.pendingCount;
  }
  return { running, pending };
}

/** The Service shape of DescribeServices / CreateService / UpdateService. */
export function serviceView(
  ctx: RequestContext,
  cluster: ClusterRecord,
  options: { service: ServiceRecord; timing: EcsTiming; includeTags: boolean },
): Record<string, unknown> {
  const { service } = options;
  const snapshot = serviceSnapshot(service, { now: ctx.now, timing: options.timing });
  const current = snapshot.current;
  return {
    ...service.settings,
    serviceArn: serviceArn(ctx, cluster.name, service.name),
    serviceName: service.name,
    clusterArn: clusterArn(ctx, cluster.name),
    loadBalancers: service.settings.loadBalancers ?? [],
    serviceRegistries: service.settings.serviceRegistries ?? [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: snapshot.runningCount,
    pendingCount: snapshot.pendingCount,
    taskDefinition: snapshot.taskDefinitionArn,
    deploymentConfiguration: service.deploymentConfiguration,
    deployments: snapshot.deployments.map((entry) => ({
      id: entry.id,
      status: entry.status,
      taskDefinition: entry.taskDefinitionArn,
      desiredCount: entry.desiredCount,
      pendingCount: entry.pendingCount,
      runningCount: entry.runningCount,
      failedTasks: entry.failedTasks,
      createdAt: seconds(entry.createdAt),
      updatedAt: seconds(entry.updatedAt),
      ...(service.settings.launchType === undefined
        ? {}
        : { launchType: service.settings.launchType }),
      rolloutState: entry.rolloutState,
      rolloutStateReason: entry.rolloutStateReason,
    })),
    roleArn:
      `arn:aws:iam::${ctx.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: serviceEvents(service, { now: ctx.now, timing: options.timing }),
    createdAt: seconds(service.createdAt),
    ...(current
      ? {
        currentServiceDeployment: serviceDeploymentArn(ctx, {
          cluster: cluster.name,
          service: service.name,
          id: current.record.id,
        }),
      }
      : {}),
    placementConstraints: [],
    placementStrategy: [],
    schedulingStrategy: "REPLICA",
    deploymentController: { type: "ECS" },
    createdBy: `arn:aws:iam::${ctx.accountId}:root`,
    enableECSManagedTags: false,
    propagateTags: service.settings.propagateTags ?? "NONE",
    enableExecuteCommand: false,
    ...(options.includeTags ? { tags: service.tags } : {}),
  };
}

/** Service events derived from the deployments' timelines, newest first (at most 20). */
export function serviceEvents(
  service: ServiceRecord,
  options: { now: number; timing: EcsTiming },
): { id: string; createdAt: number; message: string }[] {
  const events: { id: string; at: number; message: string }[] = [];
  const name = `(service ${service.name})`;
  for (const record of service.deployments.slice(-5)) {
    const progress = progressOf(service, record, options);
    const add = (at: number | undefined, kind: string, message: string) => {
      if (at !== undefined && at <= options.now) {
        events.push({ id: stableHexId(`${record.id}/${kind}`), at, message });
      }
    };
    add(record.createdAt, "start", `${name} (deployment ${record.ecsId}) deployment started.`);
    if (progress.circuitBreaker.status === "TRIGGERED") {
      add(
        progress.stoppedAt,
        "failed",
        `${name} (deployment ${record.ecsId}) deployment failed: tasks failed to start.`,
      );
    }
    if (progress.rollback) {
      add(
        progress.rollback.startedAt,
        "rollback",
        `${name} (deployment ${record.ecsId}) rolling back to deployment ${record.rollbackEcsId}.`,
      );
    }
    if (progress.status === "SUCCESSFUL" || progress.status === "ROLLBACK_SUCCESSFUL") {
      add(progress.finishedAt, "steady", `${name} has reached a steady state.`);
    }
  }
  return events.sort((a, b) => b.at - a.at).slice(0, 20).map((e) => ({
    id: `${e.id.slice(0, 8)}-${e.id.slice(8, 12)}-${e.id.slice(12, 16)}-${e.id.slice(16, 20)}-${
      e.id.slice(20, 32)
    }`,
    createdAt: seconds(e.at),
    message: e.message,
  }));
}
