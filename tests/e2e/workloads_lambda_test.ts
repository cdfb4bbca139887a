/**
 * Lambda execution in local AWS, end to end: real SDK clients against local AWS with the
 * process runtime, so every invocation below runs handler code from its ZIP in a Deno
 * subprocess.
 */
import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  TooManyRequestsException,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { createProcessRuntime } from "../../local_aws/runtime/mod.ts";
import { localAwsClientConfig } from "../../local_aws/mod.ts";
import {
  ROLE,
  startTestAws,
  TEST_ACCOUNT,
  type TestAws,
  zipOf,
} from "../../local_aws/test_support.ts";

const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

async function createFunction(
  t: TestAws,
  fn: { name: string; source: string; timeout?: number; memory?: number },
): Promise<void> {
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: fn.name,
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      Timeout: fn.timeout ?? 3,
      MemorySize: fn.memory ?? 128,
      Code: { ZipFile: zipOf(fn.source) },
      Publish: true,
    }),
  );
}

async function startAws(options: { concurrency?: number; queue?: number } = {}) {
  const runtime = await createProcessRuntime(options);
  return { t: await startTestAws({ runtime }), runtime };
}

Deno.test("an alias weighted 10 % to a canary runs the canary's code in about 10 % of 2,000 invocations", async () => {
  const { t } = await startAws();
  await using _ = t;
  await createFunction(t, {
    name: "fn",
    source: `export const handler = async () => ({ code: "stable" });`,
  });
  await t.lambda.send(
    new UpdateFunctionCodeCommand({
      FunctionName: "fn",
      ZipFile: zipOf(`export const handler = async () => ({ code: "canary" });`),
    }),
  );
  await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
  await t.lambda.send(
    new CreateAliasCommand({
      FunctionName: "fn",
      Name: "live",
      FunctionVersion: "1",
      RoutingConfig: { AdditionalVersionWeights: { "2": 0.1 } },
    }),
  );
  const n = 2000;
  const byVersion = new Map<string, number>();
  const byCode = new Map<string, number>();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < n) {
      next++;
      const out = await t.lambda.send(
        new InvokeCommand({ FunctionName: "fn", Qualifier: "live", Payload: "{}" }),
      );
      assert.equal(out.FunctionError, undefined);
      const version = out.ExecutedVersion ?? "?";
      const code = decode(out.Payload).code as string;
      assert.equal(code, version === "2" ? "canary" : "stable", "the executed version's code ran");
      byVersion.set(version, (byVersion.get(version) ?? 0) + 1);
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
  }));
  const canary = byVersion.get("2") ?? 0;
  // Binomial(2000, 0.1): mean 200, sd 13.4; ±5 sd fails by chance about once in 3.5 million.
  assert.ok(canary >= 133 && canary <= 267, `canary served ${canary} of ${n}`);
  assert.equal((byVersion.get("1") ?? 0) + canary, n);
  const metrics = await t.aws.invocationMetrics({
    accountId: TEST_ACCOUNT.accountId,
    functionName: "fn",
  });
  assert.deepEqual(
    metrics.map((m) => [m.executedVersion, m.invocations, m.errors]),
    [["1", n - canary, 0], ["2", canary, 0]],
  );
});

Deno.test("a handler over its timeout is killed and reported as Lambda's Task timed out; the next call runs in a fresh environment", async () => {
  const { t, runtime } = await startAws();
  await using _ = t;
  await createFunction(t, {
    name: "slow",
    timeout: 1,
    source: `export const handler = async (event) => {
      if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
      return { pid: Deno.pid };
    };`,
  });
  const warm = await t.lambda.send(
    new InvokeCommand({ FunctionName: "slow", Qualifier: "1", Payload: "{}" }),
  );
  const firstPid = decode(warm.Payload).pid;
  const started = performance.now();
  const out = await t.lambda.send(
    new InvokeCommand({ FunctionName: "slow", Qualifier: "1", Payload: '{"sleepMs":30000}' }),
  );
  const elapsed = performance.now() - started;
  assert.equal(out.FunctionError, "Unhandled");
  assert.deepEqual(decode(out.Payload), {
    errorType: "Sandbox.Timedout",
    errorMessage: decode(out.Payload).errorMessage,
  });
  assert.match(
    decode(out.Payload).errorMessage,
    /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/,
  );
  assert.ok(elapsed < 10_000, `answered after ${elapsed} ms, not after the handler's 30 s`);
  assert.ok(!runtime.environments().some((e) => e.pid === firstPid), "the process was killed");
  const after = await t.lambda.send(
    new InvokeCommand({ FunctionName: "slow", Qualifier: "1", Payload: "{}" }),
  );
  assert.equal(after.FunctionError, undefined);
  assert.notEqual(decode(after.Payload).pid, firstPid);
  const [metrics] = await t.aws.invocationMetrics({
    accountId: TEST_ACCOUNT.accountId,
    functionName: "slow",
  });
  assert.equal(metrics?.invocations, 3);
  assert.equal(metrics?.errors, 1);
});

Deno.test("a handler that throws comes back as X-Amz-Function-Error Unhandled with Lambda's error payload", async () => {
  const { t } = await startAws();
  await using _ = t;
  await createFunction(t, {
    name: "broken",
    source: `export const handler = async () => { throw new TypeError("boom: bad input"); };`,
  });
  const out = await t.lambda.send(
    new InvokeCommand({ FunctionName: "broken", Payload: "{}", LogType: "Tail" }),
  );
  assert.equal(out.StatusCode, 200);
  assert.equal(out.FunctionError, "Unhandled");
  assert.equal(out.ExecutedVersion, "$LATEST");
  const payload = decode(out.Payload);
  assert.equal(payload.errorType, "TypeError");
  assert.equal(payload.errorMessage, "boom: bad input");
  assert.ok(Array.isArray(payload.trace) && payload.trace[0] === "TypeError: boom: bad input");
  const log = atob(out.LogResult ?? "");
  assert.match(log, /^START RequestId: \S+ Version: \$LATEST\n/);
  assert.match(log, /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tMemory Size: 128 MB\n$/);
});

Deno.test("a handler over its memory size dies and is reported as Runtime.ExitError", async () => {
  const { t } = await startAws();
  await using _ = t;
  await createFunction(t, {
    name: "hungry",
    memory: 128,
    source: `export const handler = async () => {
      const hoard = [];
      for (;;) hoard.push(new Array(1e6).fill(Math.random()));
    };`,
  });
  const out = await t.lambda.send(new InvokeCommand({ FunctionName: "hungry", Payload: "{}" }));
  assert.equal(out.FunctionError, "Unhandled");
  const payload = decode(out.Payload);
  assert.equal(payload.errorType, "Runtime.ExitError");
  assert.match(payload.errorMessage, /Runtime exited with error/);
});

Deno.test("invocations beyond the concurrency limit (no queue) are throttled and counted as throttles", async () => {
  const { t } = await startAws({ concurrency: 1, queue: 0 });
  await using _ = t;
  await createFunction(t, {
    name: "busy",
    source: `export const handler = async (e) => {
      await new Promise((r) => setTimeout(r, e.ms ?? 0));
      return "done";
    };`,
  });
  const noRetry = new LambdaClient({
    ...localAwsClientConfig(t.aws.endpoint, TEST_ACCOUNT),
    maxAttempts: 1,
  });
  try {
    const slow = noRetry.send(new InvokeCommand({ FunctionName: "busy", Payload: '{"ms":1500}' }));
    await new Promise((r) => setTimeout(r, 700));
    const second = await noRetry.send(new InvokeCommand({ FunctionName: "busy", Payload: "{}" }))
      .then(() => undefined, (e) => e);
    assert.ok(second instanceof TooManyRequestsException, String(second));
    assert.equal(second.Reason, "ConcurrentInvocationLimitExceeded");
    assert.equal(decode((await slow).Payload), "done");
  } finally {
    noRetry.destroy();
  }
  const [metrics] = await t.aws.invocationMetrics({
    accountId: TEST_ACCOUNT.accountId,
    functionName: "busy",
  });
  assert.equal(metrics?.invocations, 1);
  assert.equal(metrics?.throttles, 1);
});

Deno.test("at the concurrency limit an invocation waits in the queue for a free environment", async () => {
  const { t, runtime } = await startAws({ concurrency: 1, queue: 4 });
  await using _ = t;
  await createFunction(t, {
    name: "queued",
    source: `export const handler = async () => {
      await new Promise((r) => setTimeout(r, 100));
      return Deno.pid;
    };`,
  });
  const outs = await Promise.all(
    Array.from(
      { length: 3 },
      () => t.lambda.send(new InvokeCommand({ FunctionName: "queued", Payload: "{}" })),
    ),
  );
  assert.deepEqual(outs.map((o) => o.FunctionError), [undefined, undefined, undefined]);
  assert.equal(new Set(outs.map((o) => decode(o.Payload))).size, 1, "one environment served all");
  assert.equal(runtime.environments().length, 1);
});

Deno.test("an Invoke without a payload hands the handler {} as Lambda does", async () => {
  const { t } = await startAws();
  await using _ = t;
  await createFunction(t, {
    name: "echo",
    source: `export const handler = async (event) => ({ event });`,
  });
  const out = await t.lambda.send(new InvokeCommand({ FunctionName: "echo" }));
  assert.equal(out.StatusCode, 200);
  assert.equal(out.FunctionError, undefined);
  assert.deepEqual(decode(out.Payload), { event: {} });
});
