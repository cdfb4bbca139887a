/** Fixtures for planner tests: a desired release and observed AWS state, with overrides. */
import type { FunctionConfig, LiveAlias, LiveFunction, LiveVersion } from "../aws/lambda_port.ts";
import type { LiveService, TaskDefinitionSpec } from "../aws/ecs_port.ts";
import { type AliasState, encodeAliasState } from "./alias_state.ts";
import type { DesiredEcs, DesiredLambda, Step } from "./desired.ts";
import { encodeRolloutState } from "../rollout/state_codec.ts";
import type { RolloutPhase } from "../rollout/state.ts";
import type { RolloutStrategy } from "../rollout/steps.ts";
import {
  MANAGED_BY,
  TAG_COMMIT,
  TAG_MANAGED_BY,
  TAG_REVISION,
  TAG_ROLLOUT,
  TAG_SPEC,
  TAG_TASK_DEFINITION,
} from "./tags.ts";

export const REV_A = "a".repeat(64);
export const REV_B = "b".repeat(64);
export const NOW = new Date("2026-11-26T08:00:00Z");
export const MINUTE = 60_000;

export const CONFIG: FunctionConfig = {
  runtime: "nodejs22.x",
  handler: "index.handler",
  memorySize: 256,
  timeout: 10,
  roleArn: "arn:aws:iam::000000000001:role/ml-news-feedback-lambda",
  environment: { LOG_LEVEL: "info" },
  description: "Records user corrections",
};

export function desiredLambda(overrides: Partial<DesiredLambda> = {}): DesiredLambda {
  return {
    kind: "LambdaRelease",
    environment: "dev",
    name: "feedback",
    driftPolicy: "heal",
    commit: "c0ffee".padEnd(40, "0"),
    specDigest: "5pec00000000",
    functionName: "ml-news-feedback",
    alias: "live",
    revision: REV_B,
    config: CONFIG,
    artifact: { package: "feedback", bucket: null },
    traffic: progressive([]),
    templates: new Map(),
    ...overrides,
  };
}

export function liveFunction(
  codeSha256: string,
  overrides: Partial<LiveFunction> = {},
): LiveFunction {
  return {
    name: "ml-news-feedback",
    arn: "arn:aws:lambda:eu-west-1:000000000001:function:ml-news-feedback",
    config: CONFIG,
    codeSha256,
    tags: {
      [TAG_REVISION]: `sha256:${codeSha256}`,
      [TAG_MANAGED_BY]: MANAGED_BY,
      [TAG_COMMIT]: "x",
    },
    revisionId: "fn-rev-1",
    ...overrides,
  };
}

export function version(
  v: string,
  codeSha256: string,
  config: FunctionConfig = CONFIG,
): LiveVersion {
  return { version: v, codeSha256, config, description: `mlnews revision sha256:${codeSha256}` };
}

/** Progressive traffic by these steps, auto rollback, a 10-minute progress deadline. */
export function progressive(
  steps: readonly Step[],
  extra: Partial<RolloutStrategy> = {},
): DesiredLambda["traffic"] {
  return {
    kind: "progressive",
    strategy: { steps, progressDeadlineMs: 10 * MINUTE, rollbackPolicy: "auto", ...extra },
  };
}

/** What an alias fixture records: the alias state plus the rollout's position. */
export interface AliasFixture extends Omit<AliasState, "rollout"> {
  readonly step: number;
  readonly stepStartedAt: number;
  readonly phase?: RolloutPhase;
}

const NO_STRATEGY = {
  strategy: { steps: [], progressDeadlineMs: 0, rollbackPolicy: "auto" as const },
  templates: new Map(),
};

/** An alias whose description records `state` and whose routing is `routing` (default: as recorded). */
export function alias(
  state: Partial<AliasFixture> | null,
  routing?: LiveAlias["routing"],
): LiveAlias {
  const full: AliasFixture | null = state
    ? {
      revision: REV_A,
      spec: "5pec00000000",
      commit: "c0ffee000000",
      targetVersion: "1",
      stableVersion: null,
      stableRevision: null,
      weight: 100,
      step: 0,
      stepStartedAt: NOW.getTime() - 10 * MINUTE,
      ...state,
    }
    : null;
  const recorded = full
    ? full.weight >= 100 || full.stableVersion === null
      ? { primary: full.targetVersion, extra: null }
      : { primary: full.stableVersion, extra: { version: full.targetVersion, weight: full.weight } }
    : { primary: "1", extra: null };
  const rollout = full
    ? encodeRolloutState({
      revision: full.revision,
      phase: full.phase ?? (full.weight >= 100 ? "Completed" : "Progressing"),
      step: full.step,
      stepStartedAt: full.stepStartedAt,
      weight: full.weight,
      lastCommandAt: 0,
    }, NO_STRATEGY)
    : {};
  return {
    name: "live",
    routing: routing ?? recorded,
    description: full ? encodeAliasState({ ...full, rollout }) : "hand-made",
    revisionId: "alias-rev-7",
  };
}

export const TASK_DEFINITION: TaskDefinitionSpec = {
  family: "ml-news-inference",
  cpu: "512",
  memory: "1024",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  executionRoleArn: "arn:aws:iam::000000000001:role/exec",
  taskRoleArn: null,
  containers: [{
    name: "inference",
    image: "ml-news-inference:1.1.0",
    essential: true,
    portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }],
    environment: [{ name: "PORT", value: "8080" }, { name: "LOG_LEVEL", value: "info" }],
    healthCheck: null,
  }],
};

export function desiredEcs(overrides: Partial<DesiredEcs> = {}): DesiredEcs {
  return {
    kind: "EcsRelease",
    environment: "dev",
    name: "inference",
    driftPolicy: "heal",
    commit: "c0ffee".padEnd(40, "0"),
    specDigest: "ec5500000002",
    cluster: "ml-news-cluster",
    service: "ml-news-inference",
    image: "ml-news-inference:1.1.0",
    taskDefinition: TASK_DEFINITION,
    desiredCount: 2,
    launchType: "FARGATE",
    analysis: null,
    templates: new Map(),
    deploymentSettings: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    },
    loadBalancers: [],
    network: null,
    ...overrides,
  };
}

export const TD_ARN = (n: number) =>
  `arn:aws:ecs:eu-west-1:000000000001:task-definition/ml-news-inference:${n}`;

/** A service running task definition `n`, tagged as applied from `spec`. */
export function liveService(
  n: number,
  options: {
    readonly spec?: string;
    readonly recorded?: number;
    readonly rollout?: "IN_PROGRESS" | "COMPLETED" | "FAILED";
    readonly extraTags?: Record<string, string>;
    readonly deployments?: LiveService["deployments"];
    readonly desiredCount?: number;
    readonly network?: LiveService["network"];
  } = {},
): LiveService {
  const desiredCount = options.desiredCount ?? 2;
  return {
    arn: "arn:aws:ecs:eu-west-1:000000000001:service/ml-news-cluster/ml-news-inference",
    name: "ml-news-inference",
    status: "ACTIVE",
    taskDefinitionArn: TD_ARN(n),
    desiredCount,
    runningCount: desiredCount,
    deploymentSettings: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    },
    network: options.network ?? null,
    deployments: options.deployments ?? [{
      id: "ecs-svc/1",
      status: "PRIMARY",
      taskDefinitionArn: TD_ARN(n),
      rolloutState: options.rollout ?? "COMPLETED",
      rolloutStateReason: "",
      desiredCount,
      runningCount: desiredCount,
      updatedAt: new Date(NOW.getTime() - MINUTE),
    }],
    tags: {
      [TAG_SPEC]: options.spec ?? "ec5500000001",
      [TAG_TASK_DEFINITION]: TD_ARN(options.recorded ?? n),
      [TAG_REVISION]: "ml-news-inference:1.0.0",
      [TAG_MANAGED_BY]: MANAGED_BY,
      [TAG_ROLLOUT]: "applied",
      ...options.extraTags,
    },
  };
}

export function withImage(spec: TaskDefinitionSpec, image: string): TaskDefinitionSpec {
  return { ...spec, containers: spec.containers.map((c) => ({ ...c, image })) };
}
