import assert from "node:assert/strict";
import { ListAliasesCommand, TooManyRequestsException } from "@aws-sdk/client-lambda";
import { startTestAws } from "./test_support.ts";

Deno.test("POST /_localaws/faults injects a fault over HTTP that the SDK then sees; DELETE clears it", async () => {
  await using t = await startTestAws();
  const added = await fetch(`${t.aws.endpoint}/_localaws/faults`, {
    method: "POST",
    body: JSON.stringify({ operation: "lambda:ListAliases", kind: "throttle", count: 5 }),
  });
  assert.equal(added.status, 201);
  await added.body?.cancel();
  const error = await t.lambda.send(new ListAliasesCommand({ FunctionName: "fn" })).catch((e) => e);
  assert.ok(error instanceof TooManyRequestsException, String(error));
  const cleared = await fetch(`${t.aws.endpoint}/_localaws/faults`, { method: "DELETE" });
  assert.equal(cleared.status, 204);
  assert.deepEqual(t.aws.faults.list(), []);
  const bad = await fetch(`${t.aws.endpoint}/_localaws/faults`, {
    method: "POST",
    body: JSON.stringify({ operation: "*", kind: "explode" }),
  });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error.message, /kind: expected throttle \| error \| latency/);
});

Deno.test("an unknown X-Amz-Target or ECS operation is a 400 with a JSON error", async () => {
  await using t = await startTestAws();
  const post = (target: string) =>
    fetch(t.aws.endpoint, {
      method: "POST",
      headers: { "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1" },
      body: "{}",
    });
  const unknownService = await post("Nope_20200101.DoThing");
  assert.equal(unknownService.status, 400);
  assert.equal((await unknownService.json()).__type, "UnknownOperationException");
  const unknownOperation = await post("AmazonEC2ContainerServiceV20141113.DeleteCluster");
  assert.equal(unknownOperation.status, 400);
  assert.equal(
    (await unknownOperation.json()).__type,
    "com.amazonaws.ecs#UnknownOperationException",
  );
  const malformed = await fetch(t.aws.endpoint, {
    method: "POST",
    headers: { "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.ListClusters" },
    body: "{oops",
  });
  assert.equal(malformed.status, 400);
  assert.equal((await malformed.json()).__type, "com.amazonaws.ecs#SerializationException");
});

Deno.test("GET /_localaws/invocations reports per-version metrics in a window and rejects bad times", async () => {
  await using t = await startTestAws();
  const url = (query: string) => `${t.aws.endpoint}/_localaws/invocations?${query}`;
  const empty = await fetch(url("account=000000000001&function=fn&since=0&until=1"));
  assert.deepEqual(await empty.json(), { metrics: [] });
  const bad = await fetch(url("function=fn&since=yesterday"));
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error.message, /since: expected ms since the epoch/);
  const missing = await fetch(url("account=000000000001"));
  assert.equal(missing.status, 400);
  await missing.body?.cancel();
});
