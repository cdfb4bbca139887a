/**
 * Desired state from the parsed manifests: the one place that knows both the manifest types
 * and the planners' `Desired*` types. Role names become ARNs in the environment's account,
 * presets become steps, task definitions are rendered with the release's image.
 */
import { createHash } from "node:crypto";
import {
  canarySteps,
  type EcsRelease,
  type EcsService,
  type Environment,
  type LambdaFunction,
  type LambdaRelease,
  parseImageRef,
  type Repo,
} from "../manifest/mod.ts";
import type { ContainerSpec, TaskDefinitionSpec } from "../aws/ecs_port.ts";
import type { DesiredEcs, DesiredLambda, DesiredRelease, Step } from "../plan/desired.ts";
import { normalizeTaskDefinition } from "../plan/task_definition.ts";

export interface Selection {
  /** Only these environments (all when unset). */
  readonly environment?: string;
  /** Only releases with this `metadata.name` (all when unset). */
  readonly release?: string;
  /** Git commit of the manifests. */
  readonly commit: string | null;
}

export interface DesiredEnvironment {
  readonly environment: Environment;
  readonly releases: readonly DesiredRelease[];
}

/** Every selected environment with its releases, in name order. */
export function desiredFromRepo(repo: Repo, selection: Selection): DesiredEnvironment[] {
  const out: DesiredEnvironment[] = [];
  const names = [...repo.environments.keys()].sort();
  if (selection.environment !== undefined && !repo.environments.has(selection.environment)) {
    throw new RangeError(
      `no environment named ${JSON.stringify(selection.environment)} (have: ${names.join(", ")})`,
    );
  }
  for (const name of names) {
    if (selection.environment !== undefined && name !== selection.environment) continue;
    const environment = repo.environments.get(name)!;
    const releases: DesiredRelease[] = [];
    const byName = repo.releases.get(name) ?? new Map();
    for (const releaseName of [...byName.keys()].sort()) {
      if (selection.release !== undefined && releaseName !== selection.release) continue;
      const release = byName.get(releaseName)!;
      if (release.kind === "LambdaRelease") {
        const fn = repo.functions.get(release.spec.function);
        if (!fn) {
          throw new RangeError(`${release.file}: no LambdaFunction ${release.spec.function}`);
        }
        releases.push(desiredLambda(release, { environment, fn, commit: selection.commit }));
      } else {
        const service = repo.services.get(release.spec.service);
        if (!service) {
          throw new RangeError(`${release.file}: no EcsService ${release.spec.service}`);
        }
        releases.push(desiredEcs(release, { environment, service, commit: selection.commit }));
      }
    }
    out.push({ environment, releases });
  }
  return out;
}

export function desiredLambda(
  release: LambdaRelease,
  context: {
    readonly environment: Environment;
    readonly fn: LambdaFunction;
    readonly commit: string | null;
  },
): DesiredLambda {
  const { environment: env, fn, commit } = context;
  const config = {
    runtime: fn.spec.runtime,
    handler: fn.spec.handler,
    memorySize: fn.spec.memorySize,
    timeout: fn.spec.timeout,
    roleArn: roleArn(env, fn.spec.role),
    environment: { ...fn.spec.environment },
    description: fn.spec.description ?? "",
  };
  const revision = hexOf(release.spec.revision);
  const traffic: DesiredLambda["traffic"] = release.spec.traffic
    ? {
      kind: "explicit",
      split: release.spec.traffic.map((t) => ({ revision: hexOf(t.revision), weight: t.weight })),
    }
    : { kind: "steps", steps: canarySteps(release).map(stepOf) };
  const { description: _ignored, ...versioned } = config;
  const specDigest = digest({
    config: versioned,
    split: traffic.kind === "explicit" ? traffic.split : null,
  });
  return {
    kind: "LambdaRelease",
    environment: env.metadata.name,
    name: release.metadata.name,
    driftPolicy: env.spec.driftPolicy,
    commit,
    specDigest,
    functionName: fn.metadata.name,
    alias: release.spec.alias,
    revision,
    config,
    artifact: { package: fn.spec.artifact.package, bucket: fn.spec.artifact.bucket ?? null },
    traffic,
  };
}

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

function stepOf(step: ReturnType<typeof canarySteps>[number]): Step {
  if ("setWeight" in step) return { kind: "setWeight", weight: step.setWeight };
  if ("pause" in step) return { kind: "pause", durationMs: step.pause.duration ?? null };
  return { kind: "analysis", templates: [...step.analysis.templates] };
}

function roleArn(env: Environment, role: string): string {
  return role.startsWith("arn:") ? role : `arn:aws:iam::${env.spec.accountId}:role/${role}`;
}

/** A full ARN is used as given; a bare name becomes an ARN in the environment (local AWS). */
function targetGroupArn(env: Environment, name: string): string {
  return name.startsWith("arn:")
    ? name
    : `arn:aws:elasticloadbalancing:${env.spec.region}:${env.spec.accountId}:targetgroup/${name}/0000000000000000`;
}

function hexOf(revision: string): string {
  return revision.replace(/^sha256:/, "");
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

/** 12 hex characters of the sha256 of a canonical JSON rendering. */
function digest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 12);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
