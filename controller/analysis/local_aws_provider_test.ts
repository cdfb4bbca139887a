import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { ROLE, startTestAws, TEST_ACCOUNT, zipOf } from "../../local_aws/test_support.ts";
import { localAwsProvider, percentile } from "./local_aws_provider.ts";
import { measureMetrics } from "./measure.ts";
import { metric, repoTemplate } from "./testing.ts";

const ok = new TextEncoder().encode('{"statusCode":200}');

/** Local AWS whose version 2 fails every 5th invocation, with `live` at 1 (50 % to 2). */
async function canaryWorld() {
  let calls = 0;
  const t = await startTestAws({
    runtime: {
      invoke: (request) =>
        Promise.resolve(
          request.version === "2" && calls++ % 5 === 0
            ? { payload: ok, functionError: "Unhandled" as const }
            : { payload: ok },
        ),
    },
  });
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: "ml-news-feedback",
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: zipOf("export const handler = () => 1;") },
    }),
  );
  for (const timeout of [3, 4]) {
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "ml-news-feedback",
        Timeout: timeout,
      }),
    );
    await t.lambda.send(new PublishVersionCommand({ FunctionName: "ml-news-feedback" }));
  }
  await t.lambda.send(
    new CreateAliasCommand({
      FunctionName: "ml-news-feedback",
      Name: "live",
      FunctionVersion: "1",
      RoutingConfig: { AdditionalVersionWeights: { "2": 0.5 } },
    }),
  );
  return t;
}

Deno.test("localAwsProvider() measures canary and stable error rates from real invocations", async () => {
  await using t = await canaryWorld();
  const start = t.clock.now();
  for (let i = 0; i < 200; i++) {
    await t.lambda.send(new InvokeCommand({ FunctionName: "ml-news-feedback", Qualifier: "live" }));
  }
  t.clock.advance(30_000);
  const { metrics } = await repoTemplate("lambda-error-rate");
  const provider = localAwsProvider({
    endpoint: t.aws.endpoint,
    accountId: TEST_ACCOUNT.accountId,
  });
  const [errorRate, p99] = await measureMetrics(
    metrics.map((metric) => ({ metric, since: start })),
    {
      providers: { localAws: provider },
      target: { functionName: "ml-news-feedback", alias: "live" },
      versions: { canary: "2", stable: "1" },
      now: t.clock.now(),
    },
  );
  // Binomial split of 200: each version gets between 60 and 140 invocations.
  assert.ok(errorRate!.samples >= 60 && errorRate!.samples <= 140, `${errorRate!.samples}`);
  assert.equal(errorRate!.value, Math.ceil(errorRate!.samples / 5) / errorRate!.samples);
  assert.equal(errorRate!.stableValue, 0);
  assert.equal(errorRate!.phase, "Failed", errorRate!.message); // 20 % > stable + 5 points
  assert.equal(p99!.phase, "Successful", p99!.message);
  assert.ok(p99!.value! >= 0 && p99!.value! < 1000);

  // A later window without traffic has no samples: Inconclusive, never a pass.
  const [silent] = await measureMetrics([{ metric: metrics[0]!, since: t.clock.now() }], {
    providers: { localAws: provider },
    target: { functionName: "ml-news-feedback" },
    versions: { canary: "2", stable: "1" },
    now: t.clock.now() + 30_000,
  });
  assert.equal(silent!.phase, "Inconclusive");
  assert.equal(silent!.samples, 0);
});

Deno.test("localAwsProvider() reads invocation counts per executed version", async () => {
  await using t = await canaryWorld();
  const start = t.clock.now();
  for (let i = 0; i < 40; i++) {
    await t.lambda.send(new InvokeCommand({ FunctionName: "ml-news-feedback", Qualifier: "2" }));
  }
  const invocations = metric({
    provider: { localAws: { metric: "invocations" } },
    successCondition: "result >= stable",
  });
  const [measured] = await measureMetrics([{ metric: invocations, since: start }], {
    providers: {
      localAws: localAwsProvider({ endpoint: t.aws.endpoint, accountId: TEST_ACCOUNT.accountId }),
    },
    target: { functionName: "ml-news-feedback" },
    versions: { canary: "2", stable: "1" },
    now: t.clock.now() + 1,
  });
  assert.equal(measured!.value, 40);
  assert.equal(measured!.stableValue, undefined, "stable had no invocations: no value");
  assert.equal(measured!.phase, "Inconclusive");

  // During the post-promotion bake the machine passes the stable baseline instead.
  const [baked] = await measureMetrics(
    [{ metric: invocations, since: start, stableFallback: 30 }],
    {
      providers: {
        localAws: localAwsProvider({ endpoint: t.aws.endpoint, accountId: TEST_ACCOUNT.accountId }),
      },
      target: { functionName: "ml-news-feedback" },
      versions: { canary: "2", stable: "1" },
      now: t.clock.now() + 1,
    },
  );
  assert.deepEqual([baked!.value, baked!.stableValue, baked!.phase], [40, 30, "Successful"]);
});

Deno.test("localAwsProvider() reports an unreachable local AWS as an Error measurement", async () => {
  const m = metric({
    provider: { localAws: { metric: "errorRate" } },
    successCondition: "result < 0.1",
  });
  const [measured] = await measureMetrics([{ metric: m, since: 0 }], {
    providers: { localAws: localAwsProvider({ endpoint: "http://127.0.0.1:1", accountId: "1" }) },
    target: { functionName: "f" },
    versions: { canary: "2", stable: "1" },
    now: 1,
  });
  assert.equal(measured!.phase, "Error");
  assert.match(measured!.message, /GET http:\/\/127\.0\.0\.1:1\/_localaws\/invocations/);
});

Deno.test("percentile() is the nearest-rank percentile", () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile([5], 99), 5);
  assert.equal(percentile([], 99), 0);
});

Deno.test("localAwsProvider() httpErrorRate counts function URL 5xx that are no Lambda error", async () => {
  const fail = new TextEncoder().encode('{"statusCode":500}');
  await using t = await startTestAws({
    runtime: {
      invoke: (request) => Promise.resolve({ payload: request.version === "2" ? fail : ok }),
    },
    workloads: { pollMs: 50 },
  });
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: "ml-news-feedback",
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: zipOf("export const handler = () => 1;") },
    }),
  );
  for (const timeout of [3, 4]) {
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "ml-news-feedback",
        Timeout: timeout,
      }),
    );
    await t.lambda.send(new PublishVersionCommand({ FunctionName: "ml-news-feedback" }));
  }
  await t.lambda.send(
    new CreateAliasCommand({
      FunctionName: "ml-news-feedback",
      Name: "live",
      FunctionVersion: "1",
      RoutingConfig: { AdditionalVersionWeights: { "2": 0.5 } },
    }),
  );
  let url: string | undefined;
  for (let i = 0; i < 100 && !url; i++) {
    url = t.aws.endpoints().functionUrls.find((u) => u.alias === "live")?.url;
    if (!url) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(url, "the alias got a function URL");
  const start = t.clock.now();
  for (let i = 0; i < 60; i++) await (await fetch(`${url}/v1/feedback/stats`)).body?.cancel();
  t.clock.advance(1_000);
  const http = metric({
    provider: { localAws: { metric: "httpErrorRate" } },
    successCondition: "result <= stable + 0.01",
  });
  const lambdaErrors = metric({
    name: "lambda",
    provider: { localAws: { metric: "errorRate" } },
    successCondition: "result <= stable + 0.01",
  });
  const [measured, errors] = await measureMetrics(
    [{ metric: http, since: start }, { metric: lambdaErrors, since: start }],
    {
      providers: {
        localAws: localAwsProvider({ endpoint: t.aws.endpoint, accountId: TEST_ACCOUNT.accountId }),
      },
      target: { functionName: "ml-news-feedback", alias: "live" },
      versions: { canary: "2", stable: "1" },
      now: t.clock.now(),
    },
  );
  assert.equal(measured!.value, 1, measured!.message); // every canary URL request answered 500
  assert.equal(measured!.stableValue, 0);
  assert.ok(measured!.samples > 10 && measured!.samples < 50, `${measured!.samples}`);
  assert.equal(measured!.phase, "Failed");
  // The same traffic has no Lambda error at all: errorRate alone would pass it.
  assert.equal(errors!.value, 0);
});
