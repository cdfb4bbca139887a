import assert from "node:assert/strict";
import {
  DescribeClustersCommand,
  ECSClient,
  ECSServiceException,
  ServerException,
} from "@aws-sdk/client-ecs";
import {
  GetAliasCommand,
  LambdaClient,
  ListAliasesCommand,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { Faults } from "./faults.ts";
import { localAwsClientConfig } from "./mod.ts";
import { startTestAws, TEST_ACCOUNT } from "./test_support.ts";

Deno.test("Faults.decide() hits matching rules by count and rate and expires counted rules", () => {
  const faults = new Faults([{ operation: "lambda:UpdateAlias", kind: "throttle", count: 2 }]);
  faults.add({ operation: "ecs:*", kind: "error", rate: 0.5, status: 503 });
  faults.add({ operation: "*", kind: "latency", latencyMs: 5 });
  const always = () => 0;
  const never = () => 0.99;
  assert.deepEqual(faults.decide("lambda", "UpdateAlias", always), {
    latencyMs: 5,
    failure: { kind: "throttle", status: 0 },
  });
  assert.deepEqual(faults.decide("lambda", "GetAlias", always), { latencyMs: 5 });
  assert.deepEqual(faults.decide("ecs", "DescribeServices", never), { latencyMs: 5 });
  assert.deepEqual(faults.decide("ecs", "DescribeServices", always), {
    latencyMs: 5,
    failure: { kind: "error", status: 503 },
  });
  faults.decide("lambda", "UpdateAlias", always);
  assert.equal(
    faults.decide("lambda", "UpdateAlias", always).failure,
    undefined,
    "count of 2 used up",
  );
  assert.throws(
    () => faults.add({ operation: "*", kind: "error", rate: 2 }),
    /rate: expected a number in \[0, 1\], found 2/,
  );
});

Deno.test("the SDK retries injected throttling and succeeds; past its retries it sees TooManyRequestsException", async () => {
  await using t = await startTestAws();
  t.aws.faults.add({ operation: "lambda:ListAliases", kind: "throttle", count: 2 });
  const missing = await t.lambda.send(new ListAliasesCommand({ FunctionName: "fn" })).catch((e) =>
    e
  );
  assert.ok(
    missing instanceof ResourceNotFoundException,
    "after 2 throttled attempts the 3rd reaches the API",
  );
  assert.equal(missing.$metadata.attempts, 3);
  t.aws.faults.add({ operation: "GetAlias", kind: "throttle", count: 10 });
  const throttled = await t.lambda.send(new GetAliasCommand({ FunctionName: "fn", Name: "live" }))
    .catch((e) => e);
  assert.ok(throttled instanceof TooManyRequestsException, String(throttled));
  assert.equal(throttled.$metadata.httpStatusCode, 429);
  assert.equal(throttled.Reason, "CallerRateLimitExceeded");
  t.aws.faults.clear();
});

Deno.test("injected 5xx reach the SDK as ServiceException (Lambda) and ServerException (ECS)", async () => {
  await using t = await startTestAws();
  const config = localAwsClientConfig(t.aws.endpoint, TEST_ACCOUNT);
  const lambda = new LambdaClient({ ...config, maxAttempts: 1 });
  const ecs = new ECSClient({ ...config, maxAttempts: 1 });
  try {
    t.aws.faults.add({ operation: "*", kind: "error", count: 2 });
    const l = await lambda.send(new GetAliasCommand({ FunctionName: "fn", Name: "live" })).catch((
      e,
    ) => e);
    assert.ok(l instanceof ServiceException, String(l));
    assert.equal(l.$metadata.httpStatusCode, 500);
    const e = await ecs.send(new DescribeClustersCommand({})).catch((e) => e);
    assert.ok(e instanceof ServerException, String(e));
    t.aws.faults.add({ operation: "ecs:DescribeClusters", kind: "throttle", count: 1 });
    const th = await ecs.send(new DescribeClustersCommand({})).catch((e) => e);
    assert.ok(th instanceof ECSServiceException && th.name === "ThrottlingException", String(th));
  } finally {
    lambda.destroy();
    ecs.destroy();
  }
});

Deno.test("the SDK retries injected ECS ThrottlingException and succeeds", async () => {
  await using t = await startTestAws();
  t.aws.faults.add({ operation: "ecs:DescribeClusters", kind: "throttle", count: 1 });
  const out = await t.ecs.send(new DescribeClustersCommand({}));
  assert.equal(out.$metadata.attempts, 2);
  assert.deepEqual(out.failures?.map((f) => f.reason), ["MISSING"]);
});

Deno.test("injected latency delays the call", async () => {
  await using t = await startTestAws();
  t.aws.faults.add({
    operation: "ecs:DescribeClusters",
    kind: "latency",
    latencyMs: 150,
    count: 1,
  });
  const started = performance.now();
  await t.ecs.send(new DescribeClustersCommand({}));
  assert.ok(performance.now() - started >= 150);
});
