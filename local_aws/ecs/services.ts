import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { paginate } from "../pagination.ts";
import { randomDigits, randomId, serviceArn } from "./arns.ts";
import { readDeploymentConfig } from "./deployment_config.ts";
import { invalidParameter } from "./errors.ts";
import { deployableTaskDefinition, findCluster, findService, lookupService } from "./lookup.ts";
import type {
  ClusterRecord,
  EcsState,
  RevisionRecord,
  ServiceRecord,
  TaskDefinitionRecord,
} from "./model.ts";
import {
  progressOf,
  revisionOf,
  serviceSnapshot,
  serviceView,
  servingEcsId,
} from "./service_view.ts";
import { readTags } from "./tags.ts";
import { imageFails } from "./timeline.ts";
import type { EcsTiming } from "./timing.ts";

/** CreateService members kept and echoed back as they were sent. */
const ECHOED = [
  "launchType",
  "capacityProviderStrategy",
  "platformVersion",
  "loadBalancers",
  "serviceRegistries",
  "networkConfiguration",
  "healthCheckGracePeriodSeconds",
  "propagateTags",
] as const;

/** Service deployments kept per service (older ones are dropped, as AWS ages them out). */
const HISTORY = 20;

export interface ServiceOptions {
  readonly timing: EcsTiming;
}

/** CreateService: a new service and its first deployment. */
export function createService(
  state: EcsState,
  ctx: RequestContext,
  options: ServiceOptions & { input: Fields },
): Record<string, unknown> {
  const { input } = options;
  const cluster = findCluster(state, input.string("cluster"));
  const name = input.requiredString("serviceName");
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) {
    throw invalidParameter("Service name must be 1-255 letters, numbers, hyphens and underscores.");
  }
  if (lookupService(cluster, name)) {
    throw invalidParameter("Creation of service was not idempotent.");
  }
  const taskDefinition = deployableTaskDefinition(state, ctx, {
    ref: input.requiredString("taskDefinition"),
  });
  const settings: Record<string, unknown> = {};
  for (const key of ECHOED) if (input.has(key)) settings[key] = input.input[key];
  const network = readNetworkConfiguration(input);
  if (network) settings.networkConfiguration = network;
  const service: ServiceRecord = {
    name,
    status: "ACTIVE",
    createdAt: ctx.now,
    desiredCount: input.integer("desiredCount", { min: 0, max: 5000 }) ?? 0,
    deploymentConfiguration: readDeploymentConfig(
      input.object("deploymentConfiguration"),
      undefined,
    ),
    tags: readTags(input) ?? [],
    settings,
    revisions: [],
    deployments: [],
  };
  startDeployment(service, {
    ctx,
    timing: options.timing,
    revision: revisionSpec(taskDefinition),
  });
  cluster.services[name] = service;
  return {
    service: serviceView(ctx, cluster, { service, timing: options.timing, includeTags: true }),
  };
}

/**
 * UpdateService: desired count and deployment configuration change in place; a different task
 * definition (or forceNewDeployment) starts a new service deployment, superseding one in
 * progress.
 */
export function updateService(
  state: EcsState,
  ctx: RequestContext,
  options: ServiceOptions & { input: Fields },
): Record<string, unknown> {
  const { input, timing } = options;
  const cluster = findCluster(state, input.string("cluster"));
  const service = findService(cluster, input.requiredString("service"));
  const desired = input.integer("desiredCount", { min: 0, max: 5000 });
  if (desired !== undefined) service.desiredCount = desired;
  service.deploymentConfiguration = readDeploymentConfig(
    input.object("deploymentConfiguration"),
    service.deploymentConfiguration,
  );
  const network = readNetworkConfiguration(input);
  if (network) service.settings.networkConfiguration = network;
  const ref = input.string("taskDefinition");
  const snapshot = serviceSnapshot(service, { now: ctx.now, timing });
  const taskDefinition = ref === undefined
    ? undefined
    : deployableTaskDefinition(state, ctx, { ref });
  if (taskDefinition && taskDefinition.arn !== snapshot.taskDefinitionArn) {
    startDeployment(service, { ctx, timing, revision: revisionSpec(taskDefinition) });
  } else if (input.boolean("forceNewDeployment")) {
    const current = revisionOf(service, snapshot.current?.progress.primaryRevisionId);
    if (!current) throw invalidParameter("The service has no deployment to force anew.");
    const { id: _id, createdAt: _at, ...spec } = current;
    startDeployment(service, {
      ctx,
      timing,
      revision: taskDefinition ? revisionSpec(taskDefinition) : spec,
    });
  }
  return { service: serviceView(ctx, cluster, { service, timing, includeTags: false }) };
}

/**
 * `networkConfiguration` of CreateService / UpdateService as ECS keeps it: awsvpc subnets
 * (required, at most 16) and security groups (at most 5), `assignPublicIp` defaulting to
 * DISABLED. Kept and echoed; tasks here run on the host's network either way.
 */
function readNetworkConfiguration(input: Fields): Record<string, unknown> | undefined {
  const vpc = input.object("networkConfiguration")?.object("awsvpcConfiguration");
  if (!vpc) return undefined;
  const subnets = vpc.stringArray("subnets") ?? [];
  if (subnets.length === 0) throw invalidParameter("subnets can not be empty.");
  if (subnets.length > 16) throw invalidParameter("subnets can have at most 16 items.");
  const securityGroups = vpc.stringArray("securityGroups") ?? [];
  if (securityGroups.length > 5) {
    throw invalidParameter("securityGroups can have at most 5 items.");
  }
  const assignPublicIp = vpc.string("assignPublicIp") ?? "DISABLED";
  if (assignPublicIp !== "ENABLED" && assignPublicIp !== "DISABLED") {
    throw vpc.invalid("assignPublicIp", "ENABLED or DISABLED", assignPublicIp);
  }
  return { awsvpcConfiguration: { subnets, securityGroups, assignPublicIp } };
}

/** DescribeServices: up to 10 services, a MISSING failure for each unknown one. */
export function describeServices(
  state: EcsState,
  ctx: RequestContext,
  options: ServiceOptions & { input: Fields },
): Record<string, unknown> {
  const { input } = options;
  const cluster = findCluster(state, input.string("cluster"));
  const refs = input.stringArray("services") ?? [];
  if (refs.length === 0 || refs.length > 10) {
    throw invalidParameter("services must name between 1 and 10 services.");
  }
  const includeTags = (input.stringArray("include") ?? []).includes("TAGS");
  const services: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const service = lookupService(cluster, ref);
    if (service) {
      services.push(serviceView(ctx, cluster, { service, timing: options.timing, includeTags }));
    } else {failures.push({
        arn: ref.startsWith("arn:") ? ref : serviceArn(ctx, cluster.name, ref),
        reason: "MISSING",
      });}
  }
  return { services, failures };
}

/** ListServices: service ARNs of a cluster in creation order, paginated (default 10). */
export function listServices(
  state: EcsState,
  ctx: RequestContext,
  input: Fields,
): Record<string, unknown> {
  const cluster: ClusterRecord = findCluster(state, input.string("cluster"));
  const launchType = input.string("launchType");
  const all = Object.values(cluster.services)
    .filter((s) => launchType === undefined || s.settings.launchType === launchType)
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
  const { items, nextToken } = paginate(all, {
    token: input.string("nextToken"),
    limit: input.integer("maxResults", { min: 1, max: 100 }) ?? 10,
    invalidTokenCode: "InvalidParameterException",
  });
  return {
    serviceArns: items.map((s) => serviceArn(ctx, cluster.name, s.name)),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
}

/** What a new service revision runs. */
type RevisionSpec = Omit<RevisionRecord, "id" | "createdAt">;

function revisionSpec(taskDefinition: { record: TaskDefinitionRecord; arn: string }): RevisionSpec {
  const { definition } = taskDefinition.record;
  const containers =
    ((definition.containerDefinitions ?? []) as { name?: unknown; image?: unknown }[])
      .map((c) => ({ name: String(c.name ?? ""), image: String(c.image ?? "") }));
  return {
    taskDefinitionArn: taskDefinition.arn,
    containers,
    ...(typeof definition.cpu === "string" ? { cpu: definition.cpu } : {}),
    ...(typeof definition.memory === "string" ? { memory: definition.memory } : {}),
    failing: containers.some((c) => imageFails(c.image)),
  };
}

function startDeployment(
  service: ServiceRecord,
  options: { ctx: RequestContext; timing: EcsTiming; revision: RevisionSpec },
): void {
  const { ctx, timing } = options;
  const previous = service.deployments.at(-1);
  let source: { revisionId: string; ecsId?: string } | undefined;
  if (previous) {
    if (!progressOf(service, previous, { now: ctx.now, timing }).terminal) {
      previous.supersededAt = ctx.now;
    }
    const settled = progressOf(service, previous, { now: ctx.now, timing });
    const ecsId = servingEcsId(previous, settled);
    source = { revisionId: settled.servingRevisionId, ...(ecsId ? { ecsId } : {}) };
  }
  const revision: RevisionRecord = {
    ...options.revision,
    id: randomDigits(19),
    createdAt: ctx.now,
  };
  service.revisions.push(revision);
  service.deployments.push({
    id: randomId(),
    ecsId: `ecs-svc/${randomDigits(19)}`,
    rollbackEcsId: `ecs-svc/${randomDigits(19)}`,
    createdAt: ctx.now,
    ...(source ? { sourceRevisionId: source.revisionId } : {}),
    ...(source?.ecsId ? { sourceEcsId: source.ecsId } : {}),
    targetRevisionId: revision.id,
    config: service.deploymentConfiguration,
  });
  service.deployments = service.deployments.slice(-HISTORY);
  const used = new Set(
    service.deployments.flatMap((d) => [d.targetRevisionId, d.sourceRevisionId]),
  );
  service.revisions = service.revisions.filter((r) => used.has(r.id));
}
