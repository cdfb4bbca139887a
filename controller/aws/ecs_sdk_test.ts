import assert from "node:assert/strict";
import { startTestAws, TEST_ACCOUNT } from "../../local_aws/test_support.ts";
import { createEcsPort } from "./ecs_sdk.ts";
import type { NetworkSpec, TaskDefinitionSpec } from "./ecs_port.ts";

const SPEC: TaskDefinitionSpec = {
  family: "ml-news-web",
  cpu: "256",
  memory: "512",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  executionRoleArn: null,
  taskRoleArn: null,
  containers: [{
    name: "web",
    image: "ml-news-web:1.0.0",
    essential: true,
    portMappings: [],
    environment: [],
    healthCheck: null,
  }],
};
const SETTINGS = {
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  circuitBreaker: { enable: true, rollback: true },
};

Deno.test("createEcsPort() sends the network as networkConfiguration and reads it back", async () => {
  await using t = await startTestAws();
  const ecs = createEcsPort({
    region: TEST_ACCOUNT.region,
    endpoint: t.aws.endpoint,
    credentials: { accessKeyId: TEST_ACCOUNT.accountId, secretAccessKey: "local" },
  });
  try {
    await ecs.createCluster("ml-news-cluster", {});
    const td = await ecs.registerTaskDefinition(SPEC);
    const network: NetworkSpec = {
      subnets: ["subnet-0a1b2c3d"],
      securityGroups: ["sg-0a1b2c3d"],
      assignPublicIp: "DISABLED",
    };
    const created = await ecs.createService("ml-news-cluster", {
      service: "ml-news-web",
      taskDefinitionArn: td.arn,
      desiredCount: 1,
      deploymentSettings: SETTINGS,
      launchType: "FARGATE",
      loadBalancers: [],
      network,
      tags: {},
    });
    assert.deepEqual(created.network, network);
    const moved: NetworkSpec = {
      ...network,
      subnets: ["subnet-0b1c2d3e"],
      assignPublicIp: "ENABLED",
    };
    const write = { service: "ml-news-web", taskDefinitionArn: td.arn, desiredCount: 1 };
    await ecs.updateService("ml-news-cluster", {
      ...write,
      deploymentSettings: SETTINGS,
      network: moved,
    });
    assert.deepEqual((await ecs.describeService("ml-news-cluster", "ml-news-web"))?.network, moved);
    // `null` sends none: ECS keeps the service's networking.
    await ecs.updateService("ml-news-cluster", {
      ...write,
      deploymentSettings: SETTINGS,
      network: null,
    });
    assert.deepEqual((await ecs.describeService("ml-news-cluster", "ml-news-web"))?.network, moved);
  } finally {
    ecs.close();
  }
});
