import assert from "node:assert/strict";
import {
  ConflictException,
  DescribeServiceDeploymentsCommand,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { startTestAws, TEST_ACCOUNT } from "../test_support.ts";
import { CLUSTER, describe, register, SERVICE, serviceOn } from "./ecs_test_support.ts";

const reject = (p: Promise<unknown>) => p.then(() => assert.fail("expected an error"), (e) => e);

async function canaryUnderway() {
  const t = await startTestAws({ timing: { taskStartMs: 1000, minuteMs: 10_000 } });
  await serviceOn(t.ecs, "ml-news-inference:1.0.0", {
    strategy: "CANARY",
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    bakeTimeInMinutes: 1,
    deploymentCircuitBreaker: { enable: true, rollback: true },
  });
  t.clock.advance(1000);
  const first = await describe(t.ecs);
  assert.deepEqual(
    first.deployments?.map((d) => d.rolloutState),
    ["COMPLETED"],
    "a first deployment has no canary",
  );
  const v2 = await register(t.ecs, "ml-news-inference:2.0.0");
  await t.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: v2 }),
  );
  const arn = (await describe(t.ecs)).currentServiceDeployment ?? "";
  const detail = async () =>
    (await t.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
      .serviceDeployments?.[0];
  return { t, arn, detail };
}

Deno.test("a CANARY deployment shifts canaryPercent, bakes, shifts the rest, bakes and succeeds", async () => {
  const { t, detail } = await canaryUnderway();
  await using _ = t;
  const seen: [string | undefined, string | undefined, number | undefined][] = [];
  for (const step of [0, 1000, 20_000, 10_000]) {
    t.clock.advance(step);
    const d = await detail();
    seen.push([
      d?.status,
      d?.lifecycleStage,
      d?.targetServiceRevision?.requestedProductionTrafficWeight,
    ]);
  }
  assert.deepEqual(seen, [
    ["IN_PROGRESS", "SCALE_UP", 0],
    ["IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT", 10],
    ["IN_PROGRESS", "BAKE_TIME", 100],
    ["SUCCESSFUL", "CLEAN_UP", 100],
  ]);
  assert.deepEqual((await describe(t.ecs)).deployments?.map((d) => d.rolloutState), ["COMPLETED"]);
});

Deno.test("StopServiceDeployment ROLLBACK during a canary bake returns to the previous revision", async () => {
  const { t, arn, detail } = await canaryUnderway();
  await using _ = t;
  const v1 = (await describe(t.ecs)).deployments?.[1]?.taskDefinition;
  t.clock.advance(1000 + 5000);
  assert.equal((await detail())?.targetServiceRevision?.requestedProductionTrafficWeight, 10);
  const stopped = await t.ecs.send(
    new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: "ROLLBACK" }),
  );
  assert.equal(stopped.serviceDeploymentArn, arn);
  const rolling = await detail();
  assert.equal(rolling?.status, "ROLLBACK_IN_PROGRESS");
  assert.equal(rolling?.targetServiceRevision?.requestedProductionTrafficWeight, 0);
  assert.equal((await describe(t.ecs)).taskDefinition, v1);
  t.clock.advance(1000);
  assert.equal((await detail())?.status, "ROLLBACK_SUCCESSFUL");
  const again = await reject(
    t.ecs.send(
      new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: "ROLLBACK" }),
    ),
  );
  assert.ok(again instanceof ConflictException, String(again));
  const unknown = await reject(
    t.ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn:
          `arn:aws:ecs:eu-west-1:${TEST_ACCOUNT.accountId}:service-deployment/${CLUSTER}/${SERVICE}/nope`,
      }),
    ),
  );
  assert.ok(unknown instanceof ServiceDeploymentNotFoundException, String(unknown));
});

Deno.test("a newer UpdateService supersedes a deployment in progress (STOPPED)", async () => {
  const { t, arn, detail } = await canaryUnderway();
  await using _ = t;
  const v3 = await register(t.ecs, "ml-news-inference:3.0.0");
  await t.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: v3 }),
  );
  assert.equal((await detail())?.status, "STOPPED");
  assert.notEqual((await describe(t.ecs)).currentServiceDeployment, arn);
});
