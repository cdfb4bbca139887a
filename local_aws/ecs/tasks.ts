import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { paginate } from "../pagination.ts";
import { clusterArn, ecsArn, nameFromArnOrName, seconds, stableHexId, taskArn } from "./arns.ts";
import { invalidParameter } from "./errors.ts";
import { findCluster, findService } from "./lookup.ts";
import type { ClusterRecord, EcsState, RevisionRecord } from "./model.ts";
import { serviceSnapshot } from "./service_view.ts";
import type { EcsTiming } from "./timing.ts";

/**
 * A service's task, derived from its deployments' progress: ids are stable per deployment and
 * slot, so the same task keeps its ARN between calls and across processes. A later issue runs
 * a real process per RUNNING task.
 */
export interface DerivedTask {
  readonly id: string;
  readonly serviceName: string;
  readonly deploymentId: string;
  readonly taskDefinitionArn: string;
  /** The service revision the task runs (its containers, cpu, memory). */
  readonly revision: RevisionRecord;
  readonly lastStatus: "PENDING" | "RUNNING" | "STOPPED";
  readonly desiredStatus: "RUNNING" | "STOPPED";
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly stoppedReason?: string;
}

/** Failed tasks kept visible (as STOPPED) per deployment. */
const STOPPED_SHOWN = 5;

/** All tasks of the services of a cluster at `now`. */
export function clusterTasks(
  cluster: ClusterRecord,
  options: { now: number; timing: EcsTiming },
): DerivedTask[] {
  const tasks: DerivedTask[] = [];
  for (const service of Object.values(cluster.services)) {
    for (const entry of serviceSnapshot(service, options).deployments) {
      const task = (
        slot: string,
        fields: Pick<DerivedTask, "lastStatus" | "desiredStatus"> & Partial<DerivedTask>,
      ) =>
        tasks.push({
          id: stableHexId(`${cluster.name}/${service.name}/${entry.id}/${slot}`),
          serviceName: service.name,
          deploymentId: entry.id,
          taskDefinitionArn: entry.taskDefinitionArn,
          revision: entry.revision,
          createdAt: entry.createdAt,
          ...fields,
        });
      for (let i = 0; i < entry.runningCount; i++) {
        task(`task-${i}`, {
          lastStatus: "RUNNING",
          desiredStatus: "RUNNING",
          startedAt: entry.createdAt + options.timing.taskStartMs,
        });
      }
      for (let i = entry.runningCount; i < entry.runningCount + entry.pendingCount; i++) {
        task(`task-${i}`, { lastStatus: "PENDING", desiredStatus: "RUNNING" });
      }
      const firstShown = Math.max(0, entry.failedTasks - STOPPED_SHOWN);
      for (let i = firstShown; i < entry.failedTasks; i++) {
        task(`failed-${i}`, {
          lastStatus: "STOPPED",
          desiredStatus: "STOPPED",
          stoppedReason: "Essential container in task exited",
        });
      }
    }
  }
  return tasks;
}

/** ListTasks: task ARNs by service, family and desired status (default RUNNING). */
export function listTasks(
  state: EcsState,
  ctx: RequestContext,
  options: { input: Fields; timing: EcsTiming },
): Record<string, unknown> {
  const { input } = options;
  const cluster = findCluster(state, input.string("cluster"));
  const serviceName = input.string("serviceName");
  if (serviceName !== undefined) findService(cluster, serviceName);
  const family = input.string("family");
  const desiredStatus = input.string("desiredStatus") ?? "RUNNING";
  if (!["RUNNING", "PENDING", "STOPPED"].includes(desiredStatus)) {
    throw invalidParameter(
      `Invalid desiredStatus ${desiredStatus}: expected RUNNING, PENDING or STOPPED.`,
    );
  }
  const all = clusterTasks(cluster, { now: ctx.now, timing: options.timing }).filter((task) =>
    (serviceName === undefined || task.serviceName === nameFromArnOrName(serviceName)) &&
    (family === undefined || task.taskDefinitionArn.includes(`task-definition/${family}:`)) &&
    (desiredStatus === "PENDING"
      ? task.lastStatus === "PENDING"
      : task.desiredStatus === desiredStatus)
  );
  const { items, nextToken } = paginate(all, {
    token: input.string("nextToken"),
    limit: input.integer("maxResults", { min: 1, max: 100 }) ?? 100,
    invalidTokenCode: "InvalidParameterException",
  });
  return {
    taskArns: items.map((task) => taskArn(ctx, cluster.name, task.id)),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
}

/** DescribeTasks: up to 100 tasks by id or ARN, a MISSING failure for each unknown one. */
export function describeTasks(
  state: EcsState,
  ctx: RequestContext,
  options: { input: Fields; timing: EcsTiming },
): Record<string, unknown> {
  const cluster = findCluster(state, options.input.string("cluster"));
  const refs = options.input.stringArray("tasks") ?? [];
  if (refs.length === 0 || refs.length > 100) {
    throw invalidParameter("tasks must name between 1 and 100 tasks.");
  }
  const byId = new Map(
    clusterTasks(cluster, { now: ctx.now, timing: options.timing }).map((t) => [t.id, t]),
  );
  const tasks: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const task = byId.get(nameFromArnOrName(ref));
    if (task) tasks.push(taskView(ctx, { cluster, task }));
    else {failures.push({
        arn: ref.startsWith("arn:") ? ref : taskArn(ctx, cluster.name, ref),
        reason: "MISSING",
      });}
  }
  return { tasks, failures };
}

function taskView(
  ctx: RequestContext,
  options: { cluster: ClusterRecord; task: DerivedTask },
): Record<string, unknown> {
  const { cluster, task } = options;
  const arn = taskArn(ctx, cluster.name, task.id);
  const containers = task.revision.containers.map((container) => ({
    containerArn: ecsArn(
      ctx,
      `container/${cluster.name}/${task.id}/${stableHexId(`${task.id}/${container.name}`)}`,
    ),
    taskArn: arn,
    name: container.name,
    image: container.image,
    lastStatus: task.lastStatus,
    healthStatus: task.lastStatus === "RUNNING" ? "HEALTHY" : "UNKNOWN",
    ...(task.lastStatus === "STOPPED"
      ? { exitCode: 1, reason: "Essential container in task exited" }
      : {}),
  }));
  return {
    taskArn: arn,
    clusterArn: clusterArn(ctx, cluster.name),
    taskDefinitionArn: task.taskDefinitionArn,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    healthStatus: task.lastStatus === "RUNNING" ? "HEALTHY" : "UNKNOWN",
    startedBy: task.deploymentId,
    group: `service:${task.serviceName}`,
    launchType: "FARGATE",
    ...(task.revision.cpu === undefined ? {} : { cpu: task.revision.cpu }),
    ...(task.revision.memory === undefined ? {} : { memory: task.revision.memory }),
    containers,
    createdAt: seconds(task.createdAt),
    ...(task.startedAt === undefined ? {} : { startedAt: seconds(task.startedAt) }),
    ...(task.stoppedReason === undefined
      ? {}
      : { stoppedReason: task.stoppedReason, stopCode: "EssentialContainerExited" }),
    version: 1,
  };
}
