import assert from "node:assert/strict";
import {
  ClientException,
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  ServiceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { startTestAws, TEST_ACCOUNT } from "../test_support.ts";
import { CLUSTER, describe, register, SERVICE, serviceOn } from "./ecs_test_support.ts";

const reject = (p: Promise<unknown>) => p.then(() => assert.fail("expected an error"), (e) => e);
const ARN = `arn:aws:ecs:eu-west-1:${TEST_ACCOUNT.accountId}`;

Deno.test("CreateCluster is idempotent and DescribeClusters reports unknown clusters as MISSING", async () => {
  await using t = await startTestAws();
  const a = await t.ecs.send(
    new CreateClusterCommand({ clusterName: CLUSTER, tags: [{ key: "env", value: "dev" }] }),
  );
  const b = await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  assert.equal(a.cluster?.clusterArn, `${ARN}:cluster/${CLUSTER}`);
  assert.equal(b.cluster?.clusterArn, a.cluster?.clusterArn);
  const out = await t.ecs.send(
    new DescribeClustersCommand({ clusters: [CLUSTER, "nope"], include: ["TAGS"] }),
  );
  assert.equal(out.clusters?.[0]?.status, "ACTIVE");
  assert.deepEqual(out.clusters?.[0]?.tags, [{ key: "env", value: "dev" }]);
  assert.deepEqual(out.failures, [{ arn: `${ARN}:cluster/nope`, reason: "MISSING" }]);
});

Deno.test("task definitions: register revisions, describe, list with pagination, deregister", async () => {
  await using t = await startTestAws();
  const first = await register(t.ecs, "ml-news-inference:1.0.0");
  const second = await register(t.ecs, "ml-news-inference:1.1.0");
  assert.equal(first, `${ARN}:task-definition/ml-news-inference:1`);
  assert.equal(second, `${ARN}:task-definition/ml-news-inference:2`);
  const latest = await t.ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: "ml-news-inference" }),
  );
  assert.equal(latest.taskDefinition?.revision, 2);
  assert.equal(latest.taskDefinition?.containerDefinitions?.[0]?.image, "ml-news-inference:1.1.0");
  assert.ok(latest.taskDefinition?.registeredAt instanceof Date);
  const page = await t.ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: "ml-news-inference", maxResults: 1 }),
  );
  assert.deepEqual(page.taskDefinitionArns, [first]);
  const rest = await t.ecs.send(
    new ListTaskDefinitionsCommand({
      familyPrefix: "ml-news-inference",
      nextToken: page.nextToken,
    }),
  );
  assert.deepEqual(rest.taskDefinitionArns, [second]);
  const gone = await t.ecs.send(
    new DeregisterTaskDefinitionCommand({ taskDefinition: "ml-news-inference:1" }),
  );
  assert.equal(gone.taskDefinition?.status, "INACTIVE");
  const missing = await reject(
    t.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope:1" })),
  );
  assert.ok(missing instanceof ClientException, String(missing));
});

Deno.test("CreateService twice fails as AWS does; unknown cluster and service get their exceptions", async () => {
  await using t = await startTestAws();
  await serviceOn(t.ecs, "ml-news-inference:1.0.0");
  const duplicate = await reject(
    t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: SERVICE,
        taskDefinition: "ml-news-inference",
        desiredCount: 2,
      }),
    ),
  );
  assert.ok(duplicate instanceof InvalidParameterException, String(duplicate));
  assert.equal(duplicate.message, "Creation of service was not idempotent.");
  const noCluster = await reject(t.ecs.send(new ListServicesCommand({ cluster: "nope" })));
  assert.ok(noCluster instanceof ClusterNotFoundException, String(noCluster));
  const noService = await reject(
    t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: "nope", desiredCount: 1 })),
  );
  assert.ok(noService instanceof ServiceNotFoundException, String(noService));
  const described = await t.ecs.send(
    new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE, "nope"] }),
  );
  assert.deepEqual(described.failures, [{
    arn: `${ARN}:service/${CLUSTER}/nope`,
    reason: "MISSING",
  }]);
  const listed = await t.ecs.send(new ListServicesCommand({ cluster: CLUSTER }));
  assert.deepEqual(listed.serviceArns, [`${ARN}:service/${CLUSTER}/${SERVICE}`]);
});

Deno.test("a rolling deployment progresses with the clock: PRIMARY replaces ACTIVE, then COMPLETED", async () => {
  await using t = await startTestAws({ timing: { taskStartMs: 1000 } });
  await serviceOn(t.ecs, "ml-news-inference:1.0.0");
  t.clock.advance(1000);
  assert.equal((await describe(t.ecs)).deployments?.[0]?.rolloutState, "COMPLETED");
  const v2 = await register(t.ecs, "ml-news-inference:2.0.0");
  await t.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: v2 }),
  );
  const started = await describe(t.ecs);
  assert.equal(started.taskDefinition, v2);
  assert.deepEqual(
    started.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount, d.pendingCount]),
    [["PRIMARY", "IN_PROGRESS", 0, 2], ["ACTIVE", "COMPLETED", 2, 0]],
  );
  t.clock.advance(1000);
  const done = await describe(t.ecs);
  assert.deepEqual(done.deployments?.map((d) => [d.status, d.rolloutState, d.runningCount]), [[
    "PRIMARY",
    "COMPLETED",
    2,
  ]]);
  assert.equal(done.runningCount, 2);
  assert.ok(done.events?.some((e) => e.message?.includes("has reached a steady state")));
  const tasks = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE }));
  assert.equal(tasks.taskArns?.length, 2);
  const described = await t.ecs.send(
    new DescribeTasksCommand({ cluster: CLUSTER, tasks: tasks.taskArns }),
  );
  assert.deepEqual(described.tasks?.map((task) => [task.lastStatus, task.taskDefinitionArn]), [[
    "RUNNING",
    v2,
  ], ["RUNNING", v2]]);
  const history = await t.ecs.send(
    new ListServiceDeploymentsCommand({ cluster: CLUSTER, service: SERVICE }),
  );
  assert.deepEqual(history.serviceDeployments?.map((d) => d.status), ["SUCCESSFUL", "SUCCESSFUL"]);
});

Deno.test("a failing image trips the circuit breaker and rolls back to the previous deployment", async () => {
  await using t = await startTestAws({ timing: { taskStartMs: 1000 } });
  await serviceOn(t.ecs, "ml-news-inference:1.0.0");
  const v1 = (await describe(t.ecs)).taskDefinition;
  t.clock.advance(1000);
  // Convention: an image tag containing "fail" never becomes healthy.
  const bad = await register(t.ecs, "ml-news-inference:2.0.0-fail");
  await t.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: bad }),
  );
  t.clock.advance(1000);
  const failing = await describe(t.ecs);
  assert.equal(failing.deployments?.[0]?.failedTasks, 2);
  assert.equal(failing.deployments?.[0]?.rolloutState, "IN_PROGRESS");
  t.clock.advance(1000); // 4 failed tasks >= threshold 3
  const rolling = await describe(t.ecs);
  assert.deepEqual(rolling.deployments?.map((d) => [d.status, d.rolloutState, d.taskDefinition]), [
    ["PRIMARY", "IN_PROGRESS", v1],
    ["ACTIVE", "FAILED", bad],
  ]);
  assert.match(rolling.deployments?.[1]?.rolloutStateReason ?? "", /circuit breaker/);
  assert.equal(rolling.taskDefinition, v1);
  t.clock.advance(1000);
  const settled = await describe(t.ecs);
  assert.deepEqual(settled.deployments?.map((d) => [d.status, d.rolloutState, d.taskDefinition]), [[
    "PRIMARY",
    "COMPLETED",
    v1,
  ]]);
  const [latest] =
    (await t.ecs.send(new ListServiceDeploymentsCommand({ cluster: CLUSTER, service: SERVICE })))
      .serviceDeployments ?? [];
  const detail = await t.ecs.send(
    new DescribeServiceDeploymentsCommand({
      serviceDeploymentArns: [latest?.serviceDeploymentArn ?? ""],
    }),
  );
  const deployment = detail.serviceDeployments?.[0];
  assert.equal(deployment?.status, "ROLLBACK_SUCCESSFUL");
  assert.equal(deployment?.deploymentCircuitBreaker?.status, "TRIGGERED");
  assert.equal(deployment?.deploymentCircuitBreaker?.threshold, 3);
  assert.ok(
    deployment?.rollback?.serviceRevisionArn?.startsWith(
      `${ARN}:service-revision/${CLUSTER}/${SERVICE}/`,
    ),
  );
});

Deno.test("ECS TagResource, ListTagsForResource and UntagResource on a service", async () => {
  await using t = await startTestAws();
  await serviceOn(t.ecs, "ml-news-inference:1.0.0");
  const arn = `${ARN}:service/${CLUSTER}/${SERVICE}`;
  await t.ecs.send(
    new TagResourceCommand({
      resourceArn: arn,
      tags: [{ key: "mlnews/revision", value: "1.0.0" }, { key: "a", value: "b" }],
    }),
  );
  await t.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["a"] }));
  const tags = await t.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  assert.deepEqual(tags.tags, [{ key: "mlnews/revision", value: "1.0.0" }]);
  const bad = await reject(
    t.ecs.send(new ListTagsForResourceCommand({ resourceArn: "not-an-arn" })),
  );
  assert.ok(bad instanceof InvalidParameterException, String(bad));
});

Deno.test("networkConfiguration: CreateService and UpdateService keep it, DescribeServices echoes it", async () => {
  await using t = await startTestAws();
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const taskDefinition = await register(t.ecs, "ml-news-inference:1.0.0");
  const created = await t.ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: SERVICE,
      taskDefinition,
      desiredCount: 1,
      launchType: "FARGATE",
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"] },
      },
    }),
  );
  const first = {
    awsvpcConfiguration: {
      subnets: ["subnet-0a1b2c3d"],
      securityGroups: ["sg-0a1b2c3d"],
      assignPublicIp: "DISABLED",
    },
  };
  assert.deepEqual(created.service?.networkConfiguration, first);
  assert.deepEqual((await describe(t.ecs)).networkConfiguration, first);
  const second = {
    awsvpcConfiguration: {
      subnets: ["subnet-0b1c2d3e", "subnet-0c2d3e4f"],
      securityGroups: ["sg-0b1c2d3e"],
      assignPublicIp: "ENABLED" as const,
    },
  };
  const updated = await t.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, networkConfiguration: second }),
  );
  assert.deepEqual(updated.service?.networkConfiguration, second);
  await t.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, desiredCount: 2 }),
  );
  assert.deepEqual((await describe(t.ecs)).networkConfiguration, second, "kept when not sent");
  const empty = await reject(
    t.ecs.send(
      new UpdateServiceCommand({
        cluster: CLUSTER,
        service: SERVICE,
        networkConfiguration: { awsvpcConfiguration: { subnets: [] } },
      }),
    ),
  );
  assert.ok(empty instanceof InvalidParameterException, String(empty));
  assert.equal(empty.message, "subnets can not be empty.");
});
