/**
 * The ECS planner: pure function of desired release, observed AWS state and now. ECS runs the
 * deployment; the controller starts it, follows it, and records what it applied in service tags.
 */
import type {
  DeploymentSettings,
  LiveService,
  LiveTaskDefinition,
  NetworkSpec,
  ServiceDeploymentBrief,
} from "../aws/ecs_port.ts";
import type { EcsAction, TaskDefinitionRef } from "./actions.ts";
import type { DesiredEcs } from "./desired.ts";
import { shortTd } from "./plan_format.ts";
import type { Plan, ReleaseStatus } from "./status.ts";
import { baseStatus } from "./ecs_status.ts";
import {
  commitTag,
  MANAGED_BY,
  TAG_COMMAND,
  TAG_COMMIT,
  TAG_MANAGED_BY,
  TAG_REVISION,
  TAG_ROLLOUT,
  TAG_SPEC,
  TAG_TASK_DEFINITION,
} from "./tags.ts";
import { sameTaskDefinition, taskDefinitionDifferences } from "./task_definition.ts";
import type { RunState, RunStatus } from "../analysis/run.ts";
import { metricView, type RolloutView } from "./rollout_view.ts";
import type { ManualCommand } from "../rollout/command.ts";
import { decodeCommand } from "../rollout/command_tag.ts";
import {
  activeBake,
  assessBake,
  type Bake,
  runTag,
  TAG_ANALYSIS,
  TAG_FAILURE,
} from "./ecs_analysis.ts";

export interface ObservedEcs {
  /** `null` when not checked (the service exists, so its cluster does). */
  readonly clusterExists: boolean | null;
  readonly service: LiveService | null;
  /** The service's current task definition, when `ecsNeedsTaskDefinitions` asked for it. */
  readonly liveTaskDefinition: LiveTaskDefinition | null;
  /** The family's latest revision, when the live one is not the desired one (reuse before registering). */
  readonly latestInFamily: LiveTaskDefinition | null;
  /**
   * The newest service deployment, read when the live task definition is not the one this
   * release applied (`ecsNeedsDeploymentHistory`): tells ECS's own rollback from a hand edit.
   */
  readonly latestDeployment?: ServiceDeploymentBrief | null;
  /** Our analysis run of the deployment ECS is baking, with what was measured while observing. */
  readonly bakeRun?: RunState | undefined;
}

/** Whether the service runs another task definition than the one this release applied. */
export function ecsNeedsDeploymentHistory(desired: DesiredEcs, service: LiveService): boolean {
  return service.tags[TAG_SPEC] === desired.specDigest &&
    service.tags[TAG_TASK_DEFINITION] !== undefined &&
    service.tags[TAG_TASK_DEFINITION] !== service.taskDefinitionArn;
}

/** Whether the tags alone prove the live task definition is the desired one. */
export function ecsRecordsDesired(desired: DesiredEcs, service: LiveService): boolean {
  return service.tags[TAG_SPEC] === desired.specDigest &&
    service.tags[TAG_TASK_DEFINITION] === service.taskDefinitionArn;
}

export function planEcs(
  desired: DesiredEcs,
  observed: ObservedEcs,
  now: Date = new Date(0),
): Plan<EcsAction> {
  const service = observed.service;
  if (!service) return planCreate(desired, observed);
  const tags = service.tags;
  const ours = tags[TAG_SPEC] === desired.specDigest;
  const recordedTd = tags[TAG_TASK_DEFINITION] ?? null;
  const base = baseStatus(service);
  const command = freshCommand(tags);

  if (ours && tags[TAG_ROLLOUT] === "failed") {
    if (command?.kind === "retry" && recordedTd) {
      // `rollout retry`: the quarantined task definition is deployed again, analysis afresh.
      return {
        actions: [{
          kind: "updateService",
          cluster: desired.cluster,
          service: desired.service,
          from: service.taskDefinitionArn,
          taskDefinition: { arn: recordedTd },
          desiredCount: desired.desiredCount,
          deploymentSettings: desired.deploymentSettings,
          network: desired.network,
          changes: ["retry"],
          reason: "rollout",
        }, {
          kind: "tagService",
          service: desired.service,
          arn: service.arn,
          tags: { [TAG_ROLLOUT]: "applied", [TAG_COMMAND_APPLIED]: String(command.at) },
          taskDefinition: null,
        }],
        status: { ...base, sync: "OutOfSync", reason: "Retrying", message: "retry requested" },
      };
    }
    const failure = tags[TAG_FAILURE];
    return {
      actions: [],
      status: {
        ...base,
        rollout: quarantinedView(desired, service, failure),
        sync: "OutOfSync",
        health: "Degraded",
        reason: failure ? "RolledBack" : "DeploymentFailed",
        message: `${desired.image} ${
          failure ? `was rolled back (${failure})` : "failed to deploy"
        }; ECS kept ${shortTd(service.taskDefinitionArn)}. Quarantined: ${liftHint(desired)}`,
      },
    };
  }
  const failure = ours
    ? failedDeployment(service, recordedTd, observed.latestDeployment ?? null)
    : null;
  if (failure !== null) {
    const action: EcsAction = {
      kind: "tagService",
      service: desired.service,
      arn: service.arn,
      tags: { [TAG_ROLLOUT]: "failed" },
      taskDefinition: null,
    };
    return {
      actions: [action],
      status: {
        ...base,
        sync: "OutOfSync",
        health: "Degraded",
        reason: "DeploymentFailed",
        message: `ECS deployment of ${desired.image} failed: ${failure}`,
      },
    };
  }

  const liveIsDesired = ours && recordedTd === service.taskDefinitionArn ||
    (observed.liveTaskDefinition !== null &&
      sameTaskDefinition(observed.liveTaskDefinition.spec, desired.taskDefinition));
  const settingsChanges = serviceChanges(service, desired);

  if (ours && (!liveIsDesired || settingsChanges.length > 0)) {
    // Applied from this very release before, and changed since: drift.
    const drift = [
      ...(liveIsDesired ? [] : taskDefinitionDrift(desired, observed)),
      ...settingsChanges,
    ];
    if (desired.driftPolicy === "warn") {
      return {
        actions: [],
        status: {
          ...base,
          sync: "OutOfSync",
          reason: "DriftNotHealed",
          message: `${desired.service} changed outside git (driftPolicy: warn, not healed)`,
          drift,
        },
      };
    }
    const td: TaskDefinitionRef = liveIsDesired
      ? { arn: service.taskDefinitionArn }
      : recordedTd
      ? { arn: recordedTd }
      : { arn: service.taskDefinitionArn };
    return {
      actions: [{
        kind: "updateService",
        cluster: desired.cluster,
        service: desired.service,
        from: service.taskDefinitionArn,
        taskDefinition: td,
        desiredCount: desired.desiredCount,
        deploymentSettings: desired.deploymentSettings,
        network: desired.network,
        changes: drift,
        reason: "heal",
      }],
      status: {
        ...base,
        sync: "OutOfSync",
        reason: "DriftDetected",
        message: `${desired.service} changed outside git: healing`,
        drift,
      },
    };
  }

  const bake = ours ? activeBake(desired, service) : null;
  if (bake && observed.bakeRun) {
    return planBake(desired, observed, { service, bake, run: observed.bakeRun, command, now });
  }

  if (ours) {
    // The live task definition is this release's (perhaps adopted after an interrupted pass).
    const actions: EcsAction[] = recordedTd === service.taskDefinitionArn ? [] : [{
      kind: "tagService",
      service: desired.service,
      arn: service.arn,
      tags: {},
      taskDefinition: { arn: service.taskDefinitionArn },
    }];
    return { actions, status: { ...base, sync: "Synced" } };
  }

  // A new release: reuse an identical task definition, or register one.
  const actions: EcsAction[] = [];
  let td: TaskDefinitionRef;
  if (liveIsDesired) td = { arn: service.taskDefinitionArn };
  else if (
    observed.latestInFamily &&
    sameTaskDefinition(observed.latestInFamily.spec, desired.taskDefinition)
  ) td = { arn: observed.latestInFamily.arn };
  else {
    actions.push({
      kind: "registerTaskDefinition",
      spec: desired.taskDefinition,
      image: desired.image,
    });
    td = { registered: true };
  }
  const changes = [
    ...(liveIsDesired ? [] : taskDefinitionDrift(desired, observed)),
    ...settingsChanges,
  ];
  if (!liveIsDesired || settingsChanges.length > 0) {
    actions.push({
      kind: "updateService",
      cluster: desired.cluster,
      service: desired.service,
      from: service.taskDefinitionArn,
      taskDefinition: td,
      desiredCount: desired.desiredCount,
      deploymentSettings: desired.deploymentSettings,
      network: desired.network,
      changes,
      reason: "rollout",
    });
  }
  actions.push({
    kind: "tagService",
    service: desired.service,
    arn: service.arn,
    tags: { ...stateTags(desired), [TAG_ROLLOUT]: "applied" },
    taskDefinition: td,
  });
  const was = tags[TAG_REVISION];
  return {
    actions,
    status: {
      ...base,
      sync: "OutOfSync",
      reason: "NewRevision",
      message: was
        ? `${was} -> ${desired.image}`
        : `service not yet managed; taking it to ${desired.image}`,
      drift: [],
    },
  };
}

function planCreate(desired: DesiredEcs, observed: ObservedEcs): Plan<EcsAction> {
  const actions: EcsAction[] = [];
  if (observed.clusterExists === false) {
    actions.push({ kind: "createCluster", cluster: desired.cluster });
  }
  let td: TaskDefinitionRef;
  if (
    observed.latestInFamily &&
    sameTaskDefinition(observed.latestInFamily.spec, desired.taskDefinition)
  ) {
    td = { arn: observed.latestInFamily.arn };
  } else {
    actions.push({
      kind: "registerTaskDefinition",
      spec: desired.taskDefinition,
      image: desired.image,
    });
    td = { registered: true };
  }
  actions.push({
    kind: "createService",
    cluster: desired.cluster,
    service: desired.service,
    taskDefinition: td,
    desiredCount: desired.desiredCount,
    launchType: desired.launchType,
    // A new service has nothing to shift traffic from: its first deployment is rolling.
    deploymentSettings: rollingOnly(desired.deploymentSettings),
    loadBalancers: desired.loadBalancers,
    network: desired.network,
    tags: { ...stateTags(desired), [TAG_ROLLOUT]: "applied" },
  });
  const status: ReleaseStatus = {
    sync: "OutOfSync",
    health: "Missing",
    reason: "NotDeployed",
    message: `service ${desired.service} does not exist in cluster ${desired.cluster}`,
    drift: [],
    live: [],
    step: null,
    since: null,
    appliedCommit: null,
  };
  return { actions, status };
}

/** Tags describing what this release applied; the task-definition tag is set by `apply`. */
function stateTags(d: DesiredEcs): Record<string, string> {
  return {
    [TAG_REVISION]: d.image,
    [TAG_COMMIT]: commitTag(d.commit),
    [TAG_SPEC]: d.specDigest,
    [TAG_MANAGED_BY]: MANAGED_BY,
  };
}

/** Why the deployment of the recorded task definition failed, or `null` if it has not. */
function failedDeployment(
  service: LiveService,
  recordedTd: string | null,
  latest: ServiceDeploymentBrief | null,
): string | null {
  if (!recordedTd) return null;
  const mine = service.deployments.find((d) => d.taskDefinitionArn === recordedTd);
  if (mine?.rolloutState === "FAILED") {
    const rolledBack = service.taskDefinitionArn !== recordedTd;
    return `${mine.rolloutStateReason || "rollout failed"}${rolledBack ? " (rolled back)" : ""}`;
  }
  // Once ECS finished rolling back, our deployment is gone from the service; the newest
  // service deployment (ours, unless someone deployed since) says how it ended.
  if (
    service.taskDefinitionArn !== recordedTd && latest &&
    (latest.status.startsWith("ROLLBACK_") || latest.status === "STOPPED")
  ) {
    return `${latest.statusReason || latest.status} (${
      latest.status.toLowerCase().replace(/_/g, " ")
    })`;
  }
  return null;
}

function taskDefinitionDrift(desired: DesiredEcs, observed: ObservedEcs): string[] {
  const live = observed.liveTaskDefinition;
  if (!live) return [`task definition differs from git`];
  return taskDefinitionDifferences(live.spec, desired.taskDefinition)
    .map((d) => `taskDefinition.${d}`);
}

function serviceChanges(service: LiveService, desired: DesiredEcs): string[] {
  const out: string[] = [];
  if (service.desiredCount !== desired.desiredCount) {
    out.push(`desiredCount: ${service.desiredCount} -> ${desired.desiredCount}`);
  }
  const a = service.deploymentSettings;
  const b = desired.deploymentSettings;
  if (!sameSettings(a, b)) {
    out.push(`deploymentConfiguration: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
  }
  // Compared only when both sides have one: git may leave networking to someone else, and a
  // service whose networking is not reported has nothing to compare.
  const liveNetwork = service.network === null ? null : sortedNetwork(service.network);
  if (liveNetwork !== null && desired.network !== null) {
    const [was, want] = [JSON.stringify(liveNetwork), JSON.stringify(desired.network)];
    if (was !== want) out.push(`networkConfiguration: ${was} -> ${want}`);
  }
  return out;
}

/** Subnets and security groups are sets: sorted, as the desired state is. */
function sortedNetwork(n: NetworkSpec): NetworkSpec {
  return {
    subnets: [...n.subnets].sort(),
    securityGroups: [...n.securityGroups].sort(),
    assignPublicIp: n.assignPublicIp,
  };
}

function sameSettings(a: DeploymentSettings, b: DeploymentSettings): boolean {
  return a.minimumHealthyPercent === b.minimumHealthyPercent &&
    a.maximumPercent === b.maximumPercent &&
    a.circuitBreaker.enable === b.circuitBreaker.enable &&
    a.circuitBreaker.rollback === b.circuitBreaker.rollback;
}

/**
 * The settings without ECS's native traffic strategy. The strategy is set with each rollout's
 * UpdateService and is not compared for drift (ECS reports it back with its own defaults).
 */
function rollingOnly(settings: DeploymentSettings): DeploymentSettings {
  const { strategy: _s, bakeTimeInMinutes: _b, canary: _c, linear: _l, ...rest } = settings;
  return rest;
}

/** When the newest manual command was applied (a service tag, like the command itself). */
const TAG_COMMAND_APPLIED = "mlnews.dev/command-applied";

/** The recorded manual command, if newer than the last one applied. */
function freshCommand(tags: Readonly<Record<string, string>>): ManualCommand | undefined {
  const command = decodeCommand(tags[TAG_COMMAND]);
  if (!command) return undefined;
  return command.at > Number(tags[TAG_COMMAND_APPLIED] ?? 0) ? command : undefined;
}

/** ECS bakes the new deployment; our analysis decides whether it stays. */
function planBake(
  desired: DesiredEcs,
  observed: ObservedEcs,
  context: {
    readonly service: LiveService;
    readonly bake: Bake;
    readonly run: RunState;
    readonly command: ManualCommand | undefined;
    readonly now: Date;
  },
): Plan<EcsAction> {
  const { service, bake, run, command } = context;
  const now = context.now.getTime();
  const base = baseStatus(service);
  const status = assessBake(desired, run, now);
  const runTags = runTag(desired, bake, run);
  const persist: EcsAction[] = service.tags[TAG_ANALYSIS] === runTags[TAG_ANALYSIS] ? [] : [{
    kind: "tagService",
    service: desired.service,
    arn: service.arn,
    tags: runTags,
    taskDefinition: null,
  }];
  const abort = command?.kind === "abort";
  const failed = status.phase === "Failed" || status.phase === "Error";
  const arn = observed.latestDeployment?.arn;
  if ((abort || failed) && arn) {
    const failing = status.metrics.filter((m) => !m.dryRun && m.phase === status.phase);
    const metric = failing[0]?.key;
    const failure = abort
      ? `abort.${now.toString(36)}`
      : `analysis.${now.toString(36)}${metric ? `.${metric}` : ""}`;
    const why = abort
      ? "aborted by `rollout abort`"
      : `analysis ${status.phase}: ${status.message}`;
    return {
      actions: [
        {
          kind: "rollbackDeployment",
          cluster: desired.cluster,
          service: desired.service,
          serviceDeploymentArn: arn,
          reason: why,
        },
        {
          kind: "tagService",
          service: desired.service,
          arn: service.arn,
          tags: {
            ...runTags,
            [TAG_ROLLOUT]: "failed",
            [TAG_FAILURE]: failure,
            ...(abort ? { [TAG_COMMAND_APPLIED]: String(command!.at) } : {}),
          },
          taskDefinition: null,
        },
      ],
      status: {
        ...base,
        rollout: {
          ...bakeView(desired, { bake, status, now, live: base.live }),
          phase: abort ? "Aborted" : "RolledBack",
          failure: {
            reason: abort ? "abort" : "analysis",
            at: new Date(now).toISOString(),
            metric: metric ?? null,
          },
          quarantine: { revision: desired.image, lift: liftHint(desired) },
        },
        sync: "Synced",
        health: "Degraded",
        reason: abort ? "RolloutAborted" : "RolledBack",
        message: `rolling back ${desired.image}: ${why}`,
      },
    };
  }
  const inconclusive = status.phase === "Inconclusive";
  return {
    actions: persist,
    status: {
      ...base,
      rollout: bakeView(desired, { bake, status, now, live: base.live }),
      sync: "Synced",
      health: inconclusive ? "Paused" : "Progressing",
      reason: inconclusive ? "AnalysisInconclusive" : "AnalysisRunning",
      message: `ECS bakes ${shortTd(bake.canary.taskDefinitionArn)} next to ${
        shortTd(bake.stable.taskDefinitionArn)
      }; analysis ${status.phase}: ${status.message}`,
    },
  };
}

function liftHint(desired: DesiredEcs): string {
  return `change the release, or run \`deno task rollout retry ${desired.name} --env ${desired.environment}\``;
}

/** Status of an ECS bake: ECS runs the steps, so it is one step with our analysis. */
function bakeView(
  desired: DesiredEcs,
  context: {
    readonly bake: Bake;
    readonly status: RunStatus;
    readonly now: number;
    readonly live: ReleaseStatus["live"];
  },
): RolloutView {
  const { bake, status, now } = context;
  const canaryTarget = shortTd(bake.canary.taskDefinitionArn);
  const setWeight = desired.deploymentSettings.canary?.percent ??
    desired.deploymentSettings.linear?.stepPercent ?? 100;
  const nextAt = status.nextAt;
  return {
    phase: "Progressing",
    step: "1/1",
    setWeight,
    actualWeight: context.live.find((s) => s.target === canaryTarget)?.weight ?? 0,
    canaryRevision: desired.image,
    stableRevision: shortTd(bake.stable.taskDefinitionArn),
    next: {
      action: status.due.length > 0
        ? "measure"
        : status.phase === "Running"
        ? "wait"
        : status.phase,
      reason: `ECS ${
        desired.deploymentSettings.strategy ?? "ROLLING"
      } bake; analysis ${status.phase}`,
      at: nextAt === undefined ? null : new Date(nextAt).toISOString(),
      inSeconds: nextAt === undefined ? null : Math.max(0, Math.ceil((nextAt - now) / 1000)),
    },
    promotionAt: null,
    promotionInSeconds: null,
    hold: null,
    failure: null,
    quarantine: null,
    analysis: [{
      run: "bake",
      templates: desired.analysis?.templates ?? [],
      phase: status.phase,
      message: status.message,
      metrics: status.metrics.map(metricView),
    }],
  };
}

/** A quarantined ECS release: what failed and when (from its tags), how to lift it. */
function quarantinedView(
  desired: DesiredEcs,
  service: LiveService,
  failure: string | undefined,
): RolloutView {
  const [reason = "deployment", at, ...metric] = (failure ?? "deployment").split(".");
  const when = at ? parseInt(at, 36) : NaN;
  return {
    phase: reason === "abort" ? "Aborted" : "RolledBack",
    step: "1/1",
    setWeight: 0,
    actualWeight: 0,
    canaryRevision: desired.image,
    stableRevision: shortTd(service.taskDefinitionArn),
    next: { action: "quarantined", reason: null, at: null, inSeconds: null },
    promotionAt: null,
    promotionInSeconds: null,
    hold: null,
    failure: {
      reason,
      at: Number.isFinite(when) ? new Date(when).toISOString() : "",
      metric: metric.length > 0 ? metric.join(".") : null,
    },
    quarantine: { revision: desired.image, lift: liftHint(desired) },
    analysis: [],
  };
}
