/**
 * The model Lambda's deployments source against local AWS: the inference service created by the
 * real controller, read back through the controller's ECS adapter and status logic, directly
 * and through the packaged model ZIP's handler (in Deno and in node).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createEcsPort } from "../../controller/aws/ecs_sdk.ts";
import { systemClock } from "../../controller/clock.ts";
import { openConnections } from "../../controller/commands/connections.ts";
import { reconcilePass } from "../../controller/reconcile/reconcile_pass.ts";
import { startLocalAws } from "../../local_aws/mod.ts";
import { toHttpEvent } from "../lambda/mod.ts";
import { buildPackage } from "../packaging/mod.ts";
import {
  extractToTaskRoot,
  invokeWithNode,
  lambdaContext,
  nodeAvailable,
} from "../packaging/testing.ts";
import { ecsDeployments } from "./ecs_deployments.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const DEV = { accountId: "000000000001", region: "eu-west-1" };

Deno.test("ecsDeployments() and the model ZIP report the live inference image and traffic of their own account", async () => {
  const root = await Deno.makeTempDir({ prefix: "model-ecs-" });
  for (const dir of ["manifests", "releases"]) {
    await new Deno.Command("cp", { args: ["-r", `${repo}${dir}`, `${root}/${dir}`] }).output();
  }
  const aws = await startLocalAws({ stateDir: `${root}/.local-aws` });
  const savedEndpoint = Deno.env.get("LOCAL_AWS_ENDPOINT");
  Deno.env.set("LOCAL_AWS_ENDPOINT", aws.endpoint);
  const connections = openConnections(root);
  const port = createEcsPort({
    region: DEV.region,
    endpoint: aws.endpoint,
    credentials: { accessKeyId: DEV.accountId, secretAccessKey: "local" },
  });
  let taskRoot: string | undefined;
  try {
    const pass = await reconcilePass({
      root,
      clock: systemClock,
      release: "inference",
      connect: (env) => connections.connect(env),
    });
    assert.ok(pass.ok, JSON.stringify(pass));
    const desiredImage = (await Deno.readTextFile(`${root}/releases/dev/inference.yaml`))
      .match(/^\s*image:\s*(\S+)/m)![1];

    const options = {
      environment: "dev",
      cluster: "ml-news-cluster",
      service: "ml-news-inference",
    };
    const direct = await ecsDeployments(port, options).deployments();
    assert.equal(direct.length, 1, JSON.stringify(direct));
    assert.deepEqual(
      { ...direct[0], trafficPercent: direct[0]!.trafficPercent > 0 },
      {
        environment: "dev",
        release: null,
        service: "ml-news-inference",
        image: desiredImage,
        trafficPercent: true,
        source: "live",
      },
    );
    assert.deepEqual(
      await ecsDeployments(port, { ...options, service: "absent" }).deployments(),
      [],
    );

    taskRoot = await extractToTaskRoot((await buildPackage("model")).bytes);
    const env = {
      AWS_REGION: DEV.region,
      AWS_ENDPOINT_URL: aws.endpoint,
      AWS_ACCESS_KEY_ID: DEV.accountId,
      AWS_SECRET_ACCESS_KEY: "local",
      DEPLOYMENT_ENVIRONMENT: "dev",
      LOG_LEVEL: "warn",
    };
    const event = await toHttpEvent(
      new Request("https://model.lambda-url.eu-west-1.on.aws/v1/deployments"),
    );
    if (await nodeAvailable()) {
      const [result] = await invokeWithNode(taskRoot, [event], env) as {
        statusCode: number;
        body: string;
      }[];
      assert.equal(result!.statusCode, 200, result!.body);
      const body = JSON.parse(result!.body);
      assert.deepEqual(body.deployments.map((d: { image: string }) => d.image), [desiredImage]);
      assert.deepEqual(Object.keys(body.deployments[0]).sort(), [
        "environment",
        "image",
        "modelVersion",
        "release",
        "service",
        "shortVersion",
        "source",
        "trafficPercent",
      ]);
    }
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
    try {
      for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
      const { handler } = await import(`file://${taskRoot}/index.mjs`);
      const result = await handler(event, lambdaContext("ml-news-model"));
      assert.equal(result.statusCode, 200, result.body);
      assert.equal(JSON.parse(result.body).deployments[0].environment, "dev");
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
      }
    }
  } finally {
    (port as { close(): void }).close();
    await connections.close();
    await aws.close();
    savedEndpoint === undefined
      ? Deno.env.delete("LOCAL_AWS_ENDPOINT")
      : Deno.env.set("LOCAL_AWS_ENDPOINT", savedEndpoint);
    if (taskRoot) await Deno.remove(taskRoot, { recursive: true });
    await Deno.remove(root, { recursive: true });
  }
});
