/**
 * `deno task traffic`'s engine against a whole environment in local AWS running its
 * workloads: the inference service (real model, real processes) behind its load balancer and
 * the packaged feedback function behind its function URL, with a local DynamoDB.
 */
import assert from "node:assert/strict";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { CreateAliasCommand, CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { readAgNews } from "../../ml/dataset.ts";
import { DATA_DIR } from "../../ml/test_data.ts";
import { createProcessRuntime } from "../../local_aws/runtime/mod.ts";
import { ROLE, startTestAws, TEST_ACCOUNT } from "../../local_aws/test_support.ts";
import { buildPackage } from "../../services/packaging/mod.ts";
import { discoverTargets, runTraffic } from "../../tools/traffic/run.ts";

Deno.test("traffic reaches the inference load balancer and the feedback function URL and is counted per version", async () => {
  const [feedback, dataset, model] = await Promise.all([
    buildPackage("feedback"),
    readAgNews(`${DATA_DIR}/test.csv`),
    Deno.readTextFile(new URL("../../ml/models/CURRENT", import.meta.url)).then((s) => s.trim()),
  ]);
  // Handlers' SDK clients call this local AWS (which serves DynamoDB too), as on a platform.
  let endpoint = "";
  const runtime = await createProcessRuntime({
    environment: () => ({ AWS_ENDPOINT_URL: endpoint, FEEDBACK_CREATE_TABLE: "true" }),
  });
  await using t = await startTestAws({
    runtime,
    timing: { taskStartMs: 500 },
    workloads: { pollMs: 100, healthCheckSecondMs: 100 },
  });
  endpoint = t.aws.endpoint;
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: "ml-news-feedback",
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      Timeout: 10,
      MemorySize: 256,
      Environment: { Variables: { LOG_LEVEL: "warn" } },
      Code: { ZipFile: feedback.bytes },
      Publish: true,
    }),
  );
  await t.lambda.send(
    new CreateAliasCommand({
      FunctionName: "ml-news-feedback",
      Name: "live",
      FunctionVersion: "1",
    }),
  );
  await t.ecs.send(new CreateClusterCommand({ clusterName: "ml-news-cluster" }));
  const registered = await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "ml-news-inference",
      containerDefinitions: [{
        name: "inference",
        image: `ml-news-inference:${model}`,
        portMappings: [{ containerPort: 8080 }],
        environment: [{ name: "LOG_LEVEL", value: "warn" }],
      }],
    }),
  );
  await t.ecs.send(
    new CreateServiceCommand({
      cluster: "ml-news-cluster",
      serviceName: "ml-news-inference",
      taskDefinition: registered.taskDefinition?.taskDefinitionArn,
      desiredCount: 1,
    }),
  );
  t.clock.advance(500);
  const deadline = Date.now() + 20_000;
  while (t.aws.tasks().filter((task) => task.health === "HEALTHY").length < 1) {
    if (Date.now() > deadline) throw new Error("the inference task never became healthy");
    await new Promise((r) => setTimeout(r, 50));
  }
  let targets;
  while (!targets?.feedback) {
    if (Date.now() > deadline) throw new Error("the function URL never appeared");
    targets = await discoverTargets(t.aws.endpoint, { accountId: TEST_ACCOUNT.accountId });
  }

  const tally = await runTraffic(targets, {
    rate: 40,
    durationMs: 1_000,
    maxRequests: 30,
    feedbackShare: 1,
    texts: dataset.rows,
  });
  const rows = tally.render().split("\n").slice(1).map((line) => line.trim().split(/\s{2,}/));
  assert.deepEqual(
    rows.map(([target, version, requests, ok]) => [target, version, requests, ok]),
    [
      ["feedback", "version 1", "30", "30"],
      ["inference", `ml-news-inference:1 model ${model}`, "30", "30"],
    ],
  );
});
