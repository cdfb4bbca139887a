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

export function desiredEcs(
  release: EcsRelease,
  context: {
    readonly environment: Environment;
    readonly service: EcsService;
    readonly commit: string | null;
  },
): DesiredEcs {
  const { environment: env, service, commit } = context;
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
  };
  const loadBalancers = s.loadBalancer
    ? [{
      targetGroupArn: targetGroupArn(env, s.loadBalancer.targetGroup),
      containerName: s.loadBalancer.containerName,
      containerPort: s.loadBalancer.containerPort,
    }]
    : [];
  const specDigest = digest({
    taskDefinition,
    desiredCount: s.desiredCount,
    launchType: s.launchType,
    deploymentSettings,
    loadBalancers,
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
  };
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}
