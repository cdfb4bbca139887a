import type { DeploymentConfig, RevisionRecord, ServiceDeploymentRecord } from "./model.ts";
import type { EcsTiming } from "./timing.ts";

/**
 * Progress of one ECS service deployment at a point in time, computed — never stored — from
 * the deployment's inputs (start time, target and source revisions, configuration, stop
 * requests) and the clock. Pure, so it is table-tested directly and gives the same answer in
 * every process that reads the same state.
 *
 * The simulation:
 * - Tasks start in batches (ROLLING: `maximumPercent`/`minimumHealthyPercent` decide the
 *   batch; CANARY, LINEAR and BLUE_GREEN start the full green fleet at once); a batch is
 *   RUNNING `taskStartMs` after launch. ROLLING drains the source as the target comes up.
 * - Failure convention: a revision whose container image tag contains `fail` (e.g.
 *   `ml-news-inference:2.0.0-fail`) never becomes healthy: every task stops after
 *   `taskStartMs` and is replaced. With the deployment circuit breaker enabled, the deployment
 *   FAILS when the failed task count reaches the threshold (50 % of the desired count, at
 *   least 3, at most 200); with `rollback` it rolls back to the source revision.
 * - Real task failures (`taskFailures`, recorded when tasks run as processes) count toward
 *   the same threshold while the deployment is in progress.
 * - After the target is running: CANARY shifts `canaryPercent` of the traffic, waits
 *   `canaryBakeTimeInMinutes`, shifts the rest; LINEAR shifts `stepPercent` every
 *   `stepBakeTimeInMinutes`; BLUE_GREEN shifts everything at once; all three then wait
 *   `bakeTimeInMinutes` (the source keeps running so a rollback is instant) and complete.
 *   A "minute" lasts `timing.minuteMs`.
 * - StopServiceDeployment ROLLBACK sends all traffic back to the source at once and restores
 *   its tasks; ABORT stops where it stands. A newer deployment supersedes (stops) this one.
 */
export type ServiceDeploymentStatus =
  | "PENDING"
  | "IN_PROGRESS"
  | "SUCCESSFUL"
  | "STOPPED"
  | "STOP_REQUESTED"
  | "ROLLBACK_REQUESTED"
  | "ROLLBACK_IN_PROGRESS"
  | "ROLLBACK_SUCCESSFUL"
  | "ROLLBACK_FAILED";

export type LifecycleStage =
  | "SCALE_UP"
  | "PRODUCTION_TRAFFIC_SHIFT"
  | "BAKE_TIME"
  | "CLEAN_UP";

export interface TaskCounts {
  readonly running: number;
  readonly pending: number;
}

export interface DeploymentProgress {
  readonly status: ServiceDeploymentStatus;
  readonly statusReason?: string;
  readonly lifecycleStage: LifecycleStage;
  /** rolloutState of the target's entry in Service.deployments. */
  readonly rolloutState: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  readonly rolloutStateReason: string;
  readonly finishedAt?: number;
  readonly stoppedAt?: number;
  readonly updatedAt: number;
  readonly target: TaskCounts & { readonly failedTasks: number; readonly trafficPercent: number };
  /** Tasks of the source revision still up. */
  readonly source: TaskCounts;
  /** Set once the deployment is being (or has been) rolled back to the source revision. */
  readonly rollback?: {
    readonly reason: string;
    readonly startedAt: number;
    readonly done: boolean;
  };
  readonly circuitBreaker: {
    readonly status: "DISABLED" | "MONITORING" | "MONITORING_COMPLETE" | "TRIGGERED";
    readonly failureCount: number;
    readonly threshold: number;
  };
  /** The revision the service reports as its task definition. */
  readonly primaryRevisionId: string;
  /** The revision whose tasks serve once this deployment settles (a next deployment's source). */
  readonly servingRevisionId: string;
  /** True once nothing about this deployment changes any more. */
  readonly terminal: boolean;
}

export interface TimelineInput {
  readonly deployment: ServiceDeploymentRecord;
  readonly target: RevisionRecord;
  readonly source?: RevisionRecord | undefined;
  readonly desiredCount: number;
  readonly timing: EcsTiming;
  readonly now: number;
}

export const CIRCUIT_BREAKER_REASON = "ECS deployment circuit breaker: tasks failed to start.";

/** True when an image reference follows the failure convention (its tag contains `fail`). */
export function imageFails(image: string): boolean {
  const slash = image.lastIndexOf("/");
  const nameAndTag = image.slice(slash + 1).split("@")[0] ?? "";
  const colon = nameAndTag.indexOf(":");
  return colon >= 0 && nameAndTag.slice(colon + 1).toLowerCase().includes("fail");
}

/** Failed tasks at which the circuit breaker trips: 50 % of desired, at least 3, at most 200. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desiredCount * 0.5)));
}

/** How many tasks start at once. */
export function batchSize(config: DeploymentConfig, desiredCount: number): number {
  if (desiredCount <= 0) return 1;
  if (config.strategy !== "ROLLING") return desiredCount;
  const surge = Math.floor((desiredCount * config.maximumPercent) / 100) - desiredCount;
  const unavailable = desiredCount - Math.ceil((desiredCount * config.minimumHealthyPercent) / 100);
  return Math.min(desiredCount, Math.max(1, surge + unavailable));
}

/** Traffic shifts after the target is running: when each share starts, 100 % and completion. */
export function trafficSchedule(
  config: DeploymentConfig,
  options: { readyAt: number; minuteMs: number },
): { shifts: { at: number; percent: number }[]; fullAt: number; completeAt: number } {
  const { readyAt, minuteMs } = options;
  const bake = config.bakeTimeInMinutes * minuteMs;
  switch (config.strategy) {
    case "ROLLING":
      return { shifts: [{ at: readyAt, percent: 100 }], fullAt: readyAt, completeAt: readyAt };
    case "BLUE_GREEN":
      return {
        shifts: [{ at: readyAt, percent: 100 }],
        fullAt: readyAt,
        completeAt: readyAt + bake,
      };
    case "CANARY": {
      const { canaryPercent = 5, canaryBakeTimeInMinutes = 10 } = config.canaryConfiguration ?? {};
      const fullAt = readyAt + canaryBakeTimeInMinutes * minuteMs;
      return {
        shifts: [{ at: readyAt, percent: canaryPercent }, { at: fullAt, percent: 100 }],
        fullAt,
        completeAt: fullAt + bake,
      };
    }
    case "LINEAR": {
      const { stepPercent = 10, stepBakeTimeInMinutes = 6 } = config.linearConfiguration ?? {};
      const steps = Math.ceil(100 / stepPercent);
      const shifts = Array.from({ length: steps }, (_, k) => ({
        at: readyAt + k * stepBakeTimeInMinutes * minuteMs,
        percent: Math.min(100, (k + 1) * stepPercent),
      }));
      const fullAt = shifts.at(-1)?.at ?? readyAt;
      return { shifts, fullAt, completeAt: fullAt + bake };
    }
  }
}

/** The state of a deployment at `input.now`. */
export function deploymentProgress(input: TimelineInput): DeploymentProgress {
  const { deployment, target, source, desiredCount: n, timing, now } = input;
  const { config } = deployment;
  const start = deployment.createdAt;
  const step = timing.taskStartMs;
  const batch = batchSize(config, n);
  const ticks = (t: number) => Math.max(0, Math.floor((t - start) / step));
  const readyAt = target.failing ? Infinity : start + Math.ceil(n / batch) * step;
  const threshold = circuitBreakerThreshold(n);
  const breaker = config.deploymentCircuitBreaker;
  const observed = [...(deployment.taskFailures ?? [])].sort((a, b) => a - b);
  const failedAt = !breaker.enable || n <= 0
    ? Infinity
    : target.failing
    ? start + Math.ceil(threshold / batch) * step
    : observed[threshold - 1] ?? Infinity;
  // A first deployment has nothing to shift traffic from or bake against: done when running.
  const { shifts, fullAt, completeAt } = trafficSchedule(
    source ? config : { ...config, strategy: "ROLLING" },
    { readyAt, minuteMs: timing.minuteMs },
  );
  const stopAt = deployment.stop?.at ?? Infinity;
  const supersededAt = deployment.supersededAt ?? Infinity;

  const targetRunning = (t: number) => target.failing ? 0 : Math.min(n, batch * ticks(t));
  const targetPending = (t: number) => t >= readyAt ? 0 : Math.min(batch, n - targetRunning(t));
  const failures = (t: number) =>
    target.failing ? batch * ticks(t) : observed.filter((at) => at <= t).length;
  const sourceRunning = (t: number) => {
    if (!source) return 0;
    if (config.strategy === "ROLLING") return Math.max(0, n - targetRunning(t));
    return t >= completeAt ? 0 : n;
  };
  const traffic = (t: number) => {
    if (!source) return 100;
    if (config.strategy === "ROLLING") {
      const up = targetRunning(t);
      return up === 0 ? 0 : Math.round((100 * up) / (up + sourceRunning(t)));
    }
    return shifts.filter((s) => s.at <= t).at(-1)?.percent ?? 0;
  };
  const breakerState = (status: DeploymentProgress["circuitBreaker"]["status"], t: number) => ({
    status: breaker.enable ? status : "DISABLED" as const,
    failureCount: failures(t),
    threshold,
  });
  const base = {
    primaryRevisionId: target.id,
    servingRevisionId: target.id,
  };

  const end = Math.min(completeAt, failedAt, stopAt, supersededAt);
  if (now < end) {
    return {
      ...base,
      status: "IN_PROGRESS",
      lifecycleStage: now < readyAt
        ? "SCALE_UP"
        : now < fullAt
        ? "PRODUCTION_TRAFFIC_SHIFT"
        : "BAKE_TIME",
      rolloutState: "IN_PROGRESS",
      rolloutStateReason: "ECS deployment " + deployment.ecsId + " in progress.",
      updatedAt: now,
      target: {
        running: targetRunning(now),
        pending: targetPending(now),
        failedTasks: failures(now),
        trafficPercent: traffic(now),
      },
      source: { running: sourceRunning(now), pending: 0 },
      circuitBreaker: breakerState("MONITORING", now),
      terminal: false,
    };
  }

  if (end === completeAt) {
    return {
      ...base,
      status: "SUCCESSFUL",
      lifecycleStage: "CLEAN_UP",
      rolloutState: "COMPLETED",
      rolloutStateReason: "ECS deployment " + deployment.ecsId + " completed.",
      finishedAt: completeAt,
      updatedAt: completeAt,
      target: { running: n, pending: 0, failedTasks: 0, trafficPercent: 100 },
      source: { running: 0, pending: 0 },
      circuitBreaker: breakerState("MONITORING_COMPLETE", completeAt),
      terminal: true,
    };
  }

  const frozen = {
    target: {
      running: targetRunning(end),
      pending: 0,
      failedTasks: failures(end),
      trafficPercent: traffic(end),
    },
    source: { running: sourceRunning(end), pending: 0 },
  };

  const rollbackReason = end === failedAt
    ? (breaker.rollback && source ? CIRCUIT_BREAKER_REASON : undefined)
    : end === stopAt && deployment.stop?.type === "ROLLBACK"
    ? "Service deployment rolled back by a StopServiceDeployment request."
    : undefined;
  if (rollbackReason !== undefined && source) {
    const missing = n - sourceRunning(end);
    const doneAt = end + Math.max(1, Math.ceil(missing / batch)) * step;
    const done = now >= doneAt;
    const restored = done
      ? n
      : Math.min(n, sourceRunning(end) + batch * Math.floor((now - end) / step));
    return {
      ...base,
      primaryRevisionId: source.id,
      servingRevisionId: source.id,
      status: done ? "ROLLBACK_SUCCESSFUL" : "ROLLBACK_IN_PROGRESS",
      statusReason: rollbackReason,
      lifecycleStage: done ? "CLEAN_UP" : "PRODUCTION_TRAFFIC_SHIFT",
      rolloutState: "FAILED",
      rolloutStateReason: end === failedAt
        ? `${CIRCUIT_BREAKER_REASON} Rolling back to the previous deployment.`
        : rollbackReason,
      ...(done ? { finishedAt: doneAt } : {}),
      stoppedAt: end,
      updatedAt: done ? doneAt : now,
      target: { running: 0, pending: 0, failedTasks: frozen.target.failedTasks, trafficPercent: 0 },
      source: { running: restored, pending: done ? 0 : Math.min(batch, n - restored) },
      rollback: { reason: rollbackReason, startedAt: end, done },
      circuitBreaker: breakerState(end === failedAt ? "TRIGGERED" : "MONITORING_COMPLETE", end),
      terminal: done,
    };
  }

  const reason = end === failedAt
    ? CIRCUIT_BREAKER_REASON
    : end === supersededAt
    ? "Service deployment stopped: superseded by a newer service deployment."
    : "Service deployment stopped by a StopServiceDeployment request.";
  return {
    ...base,
    // tasks of a failing target never ran: the source's tasks keep serving
    ...(target.failing && source ? { servingRevisionId: source.id } : {}),
    status: "STOPPED",
    statusReason: reason,
    lifecycleStage: "CLEAN_UP",
    rolloutState: "FAILED",
    rolloutStateReason: reason,
    finishedAt: end,
    stoppedAt: end,
    updatedAt: end,
    ...frozen,
    circuitBreaker: breakerState(end === failedAt ? "TRIGGERED" : "MONITORING", end),
    terminal: true,
  };
}
