/** An EcsRelease and its EcsService as the ECS planner's desired state (task definition rendered). */
import {
  type EcsRelease,
  type EcsService,
  type Environment,
  parseImageRef,
} from "../manifest/mod.ts";
import type { ContainerSpec, TaskDefinitionSpec } from "../aws/ecs_port.ts";
import type { DesiredEcs } from "../plan/desired.ts";
import { normalizeTaskDefinition } from "../plan/task_definition.ts";
import { roleArn, targetGroupArn } from "./arns.ts";
import { digest } from "./digest.ts";
import type { AnalysisTemplate } from "../analysis/template.ts";
import type { DeploymentSettings, NetworkSpec } from "../aws/ecs_port.ts";

export function desiredEcs(
  release: EcsRelease,
  context: {
    readonly environment: Environment;
    readonly service: EcsService;
    readonly commit: string | null;
    readonly templates: ReadonlyMap<string, AnalysisTemplate>;
  },
): DesiredEcs {
  const { environment: env, service, commit, templates } = context;
  const s = service.spec;
  const image = release.spec.image;
  const repository = parseImageRef(image)?.repository;
  const containers: ContainerSpec[] = s.taskDefinition.containers.map((c) => ({
    name: c.name,
    image: c.image === repository ? image : c.image,
    essential: c.essential,
    portMappings: c.portMappings.map((p) => ({
      containerPort: p.containerPort,
      hostPort: s.launchType === "FARGATE" ? p.containerPort : 0,
      protocol: p.protocol,
    })),
    environment: Object.entries(c.environment).map(([name, value]) => ({ name, value })),
    healthCheck: c.healthCheck
      ? {
        command: [...c.healthCheck.command],
        interval: seconds(c.healthCheck.interval),
        timeout: seconds(c.healthCheck.timeout),
        retries: c.healthCheck.retries,
        startPeriod: seconds(c.healthCheck.startPeriod),
      }
      : null,
  }));
  const taskDefinition: TaskDefinitionSpec = normalizeTaskDefinition({
    family: s.taskDefinition.family,
    cpu: s.taskDefinition.cpu,
    memory: s.taskDefinition.memory,
    networkMode: s.launchType === "FARGATE" ? "awsvpc" : "bridge",
    requiresCompatibilities: [s.launchType],
    executionRoleArn: s.taskDefinition.executionRole
      ? roleArn(env, s.taskDefinition.executionRole)
      : null,
    taskRoleArn: s.taskDefinition.taskRole ? roleArn(env, s.taskDefinition.taskRole) : null,
    containers,
  });
  const deploymentSettings = {
    minimumHealthyPercent: s.deployment.minimumHealthyPercent,
    maximumPercent: s.deployment.maximumPercent,
    circuitBreaker: { ...s.deployment.circuitBreaker },
    ...nativeStrategy(release),
  };
  const loadBalancers = s.loadBalancer
    ? [{
      targetGroupArn: targetGroupArn(env, s.loadBalancer.targetGroup),
      containerName: s.loadBalancer.containerName,
      containerPort: s.loadBalancer.containerPort,
    }]
    : [];
  const network: NetworkSpec | null = s.network
    ? {
      subnets: [...s.network.subnets].sort(),
      securityGroups: [...s.network.securityGroups].sort(),
      assignPublicIp: s.network.assignPublicIp,
    }
    : null;
  const specDigest = digest({
    taskDefinition,
    desiredCount: s.desiredCount,
    launchType: s.launchType,
    deploymentSettings,
    loadBalancers,
    // Only when given, so services without network keep the digest they were applied with.
    ...(network ? { network } : {}),
  });
  return {
    kind: "EcsRelease",
    environment: env.metadata.name,
    name: release.metadata.name,
    driftPolicy: env.spec.driftPolicy,
    commit,
    specDigest,
    cluster: s.cluster,
    service: service.metadata.name,
    image,
    taskDefinition,
    desiredCount: s.desiredCount,
    launchType: s.launchType,
    deploymentSettings,
    loadBalancers,
    network,
    analysis: strategyAnalysis(release),
    templates,
  };
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

/** ECS bake times are whole minutes: a manifest duration rounds up. */
function minutes(ms: number): number {
  return Math.ceil(ms / 60_000);
}

/** The release's strategy as ECS's own `deploymentConfiguration` (rolling: circuit breaker). */
function nativeStrategy(release: EcsRelease): Partial<DeploymentSettings> {
  const strategy = release.spec.strategy;
  if ("canary" in strategy) {
    return {
      strategy: "CANARY",
      bakeTimeInMinutes: minutes(strategy.canary.bakeTime),
      canary: {
        percent: strategy.canary.canaryPercent,
        bakeTimeInMinutes: minutes(strategy.canary.bakeTime),
      },
    };
  }
  if ("linear" in strategy) {
    return {
      strategy: "LINEAR",
      bakeTimeInMinutes: minutes(strategy.linear.bakeTime),
      linear: {
        stepPercent: strategy.linear.stepPercent,
        stepBakeTimeInMinutes: minutes(strategy.linear.stepBakeTime),
      },
    };
  }
  if ("blueGreen" in strategy) {
    return { strategy: "BLUE_GREEN", bakeTimeInMinutes: minutes(strategy.blueGreen.bakeTime) };
  }
  return { strategy: "ROLLING" };
}

/** Templates our analysis runs during ECS's bake (canary, linear, blue/green). */
function strategyAnalysis(release: EcsRelease): DesiredEcs["analysis"] {
  const strategy = release.spec.strategy;
  const spec = "canary" in strategy
    ? strategy.canary.analysis
    : "linear" in strategy
    ? strategy.linear.analysis
    : "blueGreen" in strategy
    ? strategy.blueGreen.analysis
    : undefined;
  return spec ? { templates: [...spec.templates] } : null;
}
