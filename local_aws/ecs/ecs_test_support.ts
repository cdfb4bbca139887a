import {
  CreateClusterCommand,
  CreateServiceCommand,
  type DeploymentConfiguration,
  DescribeServicesCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  type Service,
} from "@aws-sdk/client-ecs";

export const CLUSTER = "ml-news-cluster";
export const SERVICE = "ml-news-inference";

/** Registers a task definition revision running `image`; returns its ARN. */
export async function register(ecs: ECSClient, image: string): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "ml-news-inference",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
      containerDefinitions: [{
        name: "inference",
        image,
        essential: true,
        portMappings: [{ containerPort: 8080 }],
      }],
    }),
  );
  return out.taskDefinition?.taskDefinitionArn ?? "";
}

/** A cluster and a 2-task service on `image`. */
export async function serviceOn(
  ecs: ECSClient,
  image: string,
  deploymentConfiguration: DeploymentConfiguration = {
    deploymentCircuitBreaker: { enable: true, rollback: true },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
  },
): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: SERVICE,
      taskDefinition: await register(ecs, image),
      desiredCount: 2,
      launchType: "FARGATE",
      deploymentConfiguration,
    }),
  );
}

export async function describe(ecs: ECSClient): Promise<Service> {
  const out = await ecs.send(
    new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }),
  );
  const service = out.services?.[0];
  if (!service) throw new Error(`service missing: ${JSON.stringify(out.failures)}`);
  return service;
}
