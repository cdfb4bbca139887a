/** `EcsPort` over `@aws-sdk/client-ecs`. The only file that speaks ECS's SDK. */
import {
  type ContainerDefinition,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  StopServiceDeploymentCommand,
  type Tag,
  TagResourceCommand,
  type TaskDefinition,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { AwsError, classifyAwsError, ConflictError, NotFoundError } from "./errors.ts";
import type {
  ContainerSpec,
  DeploymentSettings,
  EcsPort,
  LiveService,
  LiveTaskDefinition,
  NetworkSpec,
  TaskDefinitionSpec,
} from "./ecs_port.ts";
import { clientConfig, countCalls, type SdkOptions } from "./sdk_options.ts";

export function createEcsPort(options: SdkOptions): EcsPort & { close(): void } {
  const client = new ECSClient(clientConfig(options));
  countCalls(client.middlewareStack as never, options);

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw classifyAwsError(operation, error);
    }
  }

  return {
    close: () => client.destroy(),

    async clusterExists(cluster) {
      const out = await call(
        "DescribeClusters",
        () => client.send(new DescribeClustersCommand({ clusters: [cluster] })),
      );
      return (out.clusters ?? []).some((c) => c.status === "ACTIVE");
    },

    async createCluster(cluster, tags) {
      await call(
        "CreateCluster",
        () => client.send(new CreateClusterCommand({ clusterName: cluster, tags: tagList(tags) })),
      );
    },

    async describeService(cluster, service) {
      let out;
      try {
        out = await call("DescribeServices", () =>
          client.send(
            new DescribeServicesCommand({ cluster, services: [service], include: ["TAGS"] }),
          ));
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
      const live = (out.services ?? []).find((s) => s.status !== "INACTIVE");
      return live ? serviceOf(live) : null;
    },

    async describeTaskDefinition(arnOrFamily) {
      try {
        const out = await call(
          "DescribeTaskDefinition",
          () => client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arnOrFamily })),
        );
        return out.taskDefinition ? taskDefinitionOf(out.taskDefinition) : null;
      } catch (error) {
        // ECS answers a missing task definition with ClientException ("Unable to describe").
        if (error instanceof NotFoundError || /unable to describe/i.test(String(error))) {
          return null;
        }
        throw error;
      }
    },

    async registerTaskDefinition(spec) {
      const out = await call("RegisterTaskDefinition", () =>
        client.send(
          new RegisterTaskDefinitionCommand({
            family: spec.family,
            cpu: spec.cpu,
            memory: spec.memory,
            networkMode: spec.networkMode as never,
            requiresCompatibilities: [...spec.requiresCompatibilities] as never,
            ...(spec.executionRoleArn ? { executionRoleArn: spec.executionRoleArn } : {}),
            ...(spec.taskRoleArn ? { taskRoleArn: spec.taskRoleArn } : {}),
            containerDefinitions: spec.containers.map(containerInput),
          }),
        ));
      if (!out.taskDefinition) {
        throw new Error("RegisterTaskDefinition returned no task definition");
      }
      return taskDefinitionOf(out.taskDefinition);
    },

    async latestServiceDeployment(cluster, service) {
      const out = await call(
        "ListServiceDeployments",
        () => client.send(new ListServiceDeploymentsCommand({ cluster, service, maxResults: 1 })),
      );
      const newest = out.serviceDeployments?.[0];
      if (!newest) return null;
      return {
        arn: newest.serviceDeploymentArn ?? "",
        status: newest.status ?? "",
        statusReason: newest.statusReason ?? "",
        createdAt: newest.createdAt ?? null,
      };
    },

    async rollbackServiceDeployment(serviceDeploymentArn) {
      await call(
        "StopServiceDeployment",
        () =>
          client.send(
            new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: "ROLLBACK" }),
          ),
      );
    },

    async createService(cluster, input) {
      const out = await alreadyCreated(() =>
        call("CreateService", () =>
          client.send(
            new CreateServiceCommand({
              cluster,
              serviceName: input.service,
              taskDefinition: input.taskDefinitionArn,
              desiredCount: input.desiredCount,
              launchType: input.launchType as never,
              deploymentConfiguration: deploymentInput(input.deploymentSettings),
              loadBalancers: input.loadBalancers.map((lb) => ({ ...lb })),
              ...networkInput(input.network),
              tags: tagList(input.tags),
              propagateTags: "SERVICE",
            }),
          ))
      );
      if (!out.service) throw new Error("CreateService returned no service");
      return serviceOf(out.service, input.tags);
    },

    async updateService(cluster, input) {
      const out = await call("UpdateService", () =>
        client.send(
          new UpdateServiceCommand({
            cluster,
            service: input.service,
            taskDefinition: input.taskDefinitionArn,
            desiredCount: input.desiredCount,
            deploymentConfiguration: deploymentInput(input.deploymentSettings),
            ...networkInput(input.network),
          }),
        ));
      if (!out.service) throw new Error("UpdateService returned no service");
      return serviceOf(out.service);
    },

    async tagResource(arn, tags) {
      await call(
        "TagResource",
        () => client.send(new TagResourceCommand({ resourceArn: arn, tags: tagList(tags) })),
      );
    },
  };
}

/** A second CreateService for a live service ("not idempotent") lost a race: a conflict. */
async function alreadyCreated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AwsError && /not idempotent/i.test(error.message)) {
      throw new ConflictError("conflict", error.operation, error.code, error.message, {
        cause: error,
      });
    }
    throw error;
  }
}

function tagList(tags: Readonly<Record<string, string>>): Tag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function deploymentInput(d: DeploymentSettings) {
  return {
    minimumHealthyPercent: d.minimumHealthyPercent,
    maximumPercent: d.maximumPercent,
    deploymentCircuitBreaker: { ...d.circuitBreaker },
    ...(d.strategy ? { strategy: d.strategy } : {}),
    ...(d.bakeTimeInMinutes !== undefined ? { bakeTimeInMinutes: d.bakeTimeInMinutes } : {}),
    ...(d.canary
      ? {
        canaryConfiguration: {
          canaryPercent: d.canary.percent,
          canaryBakeTimeInMinutes: d.canary.bakeTimeInMinutes,
        },
      }
      : {}),
    ...(d.linear ? { linearConfiguration: { ...d.linear } } : {}),
  };
}

function networkInput(network: NetworkSpec | null) {
  if (network === null) return {};
  return {
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: [...network.subnets],
        securityGroups: [...network.securityGroups],
        assignPublicIp: network.assignPublicIp,
      },
    },
  };
}

/** The service's awsvpc configuration, `null` when it reports none. */
function networkOf(s: Service): NetworkSpec | null {
  const vpc = s.networkConfiguration?.awsvpcConfiguration;
  if (vpc === undefined) return null;
  return {
    subnets: [...(vpc.subnets ?? [])],
    securityGroups: [...(vpc.securityGroups ?? [])],
    assignPublicIp: vpc.assignPublicIp === "ENABLED" ? "ENABLED" : "DISABLED",
  };
}

function serviceOf(s: Service, tags?: Readonly<Record<string, string>>): LiveService {
  const d = s.deploymentConfiguration;
  return {
    arn: s.serviceArn ?? "",
    name: s.serviceName ?? "",
    status: s.status ?? "",
    taskDefinitionArn: s.taskDefinition ?? "",
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    deploymentSettings: {
      minimumHealthyPercent: d?.minimumHealthyPercent ?? 100,
      maximumPercent: d?.maximumPercent ?? 200,
      circuitBreaker: {
        enable: d?.deploymentCircuitBreaker?.enable ?? false,
        rollback: d?.deploymentCircuitBreaker?.rollback ?? false,
      },
      strategy: (d?.strategy as DeploymentSettings["strategy"]) ?? "ROLLING",
      bakeTimeInMinutes: d?.bakeTimeInMinutes ?? undefined,
      canary: d?.canaryConfiguration
        ? {
          percent: d.canaryConfiguration.canaryPercent ?? 0,
          bakeTimeInMinutes: d.canaryConfiguration.canaryBakeTimeInMinutes ?? 0,
        }
        : undefined,
      linear: d?.linearConfiguration
        ? {
          stepPercent: d.linearConfiguration.stepPercent ?? 0,
          stepBakeTimeInMinutes: d.linearConfiguration.stepBakeTimeInMinutes ?? 0,
        }
        : undefined,
    },
    network: networkOf(s),
    deployments: (s.deployments ?? []).map((dep) => ({
      id: dep.id ?? "",
      status: dep.status ?? "",
      taskDefinitionArn: dep.taskDefinition ?? "",
      rolloutState: (dep.rolloutState as LiveService["deployments"][number]["rolloutState"]) ??
        null,
      rolloutStateReason: dep.rolloutStateReason ?? "",
      desiredCount: dep.desiredCount ?? 0,
      runningCount: dep.runningCount ?? 0,
      updatedAt: dep.updatedAt ?? null,
    })),
    tags: tags ?? Object.fromEntries((s.tags ?? []).map((t) => [t.key ?? "", t.value ?? ""])),
  };
}

function taskDefinitionOf(t: TaskDefinition): LiveTaskDefinition {
  const spec: TaskDefinitionSpec = {
    family: t.family ?? "",
    cpu: t.cpu ?? "",
    memory: t.memory ?? "",
    networkMode: t.networkMode ?? "bridge",
    requiresCompatibilities: [...(t.requiresCompatibilities ?? [])],
    executionRoleArn: t.executionRoleArn ?? null,
    taskRoleArn: t.taskRoleArn ?? null,
    containers: (t.containerDefinitions ?? []).map(containerOf),
  };
  return { arn: t.taskDefinitionArn ?? "", spec };
}

function containerOf(c: ContainerDefinition): ContainerSpec {
  return {
    name: c.name ?? "",
    image: c.image ?? "",
    essential: c.essential ?? true,
    portMappings: (c.portMappings ?? []).map((p) => ({
      containerPort: p.containerPort ?? 0,
      hostPort: p.hostPort ?? 0,
      protocol: p.protocol ?? "tcp",
    })),
    environment: (c.environment ?? []).map((e) => ({ name: e.name ?? "", value: e.value ?? "" })),
    healthCheck: c.healthCheck
      ? {
        command: [...(c.healthCheck.command ?? [])],
        interval: c.healthCheck.interval ?? 30,
        timeout: c.healthCheck.timeout ?? 5,
        retries: c.healthCheck.retries ?? 3,
        startPeriod: c.healthCheck.startPeriod ?? 0,
      }
      : null,
  };
}

function containerInput(c: ContainerSpec): ContainerDefinition {
  return {
    name: c.name,
    image: c.image,
    essential: c.essential,
    portMappings: c.portMappings.map((p) => ({ ...p, protocol: p.protocol as never })),
    environment: c.environment.map((e) => ({ ...e })),
    ...(c.healthCheck
      ? { healthCheck: { ...c.healthCheck, command: [...c.healthCheck.command] } }
      : {}),
  };
}
