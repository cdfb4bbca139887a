/**
 * The packaged feedback service (the ZIP `deno task package` builds) deployed to local Lambda
 * and called over its alias's function URL with plain HTTP: payload 2.0 events, a real local
 * DynamoDB, weighted routing to a deliberately broken revision, and the per-version metrics
 * on local AWS's Prometheus endpoint.
 */
import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { buildPackage } from "../../services/packaging/mod.ts";
import { createProcessRuntime } from "../../local_aws/runtime/mod.ts";
import { ROLE, startTestAws } from "../../local_aws/test_support.ts";

Deno.test("a function URL serves the packaged feedback service by alias weights, and /metrics counts each version", async () => {
  const [stable, broken] = await Promise.all([
    buildPackage("feedback"),
    buildPackage("feedback", { flags: { failureRate: 1 } }),
  ]);
  // Handlers' SDK clients call this local AWS (which serves DynamoDB too), as on a platform.
  let endpoint = "";
  const runtime = await createProcessRuntime({
    environment: () => ({ AWS_ENDPOINT_URL: endpoint, FEEDBACK_CREATE_TABLE: "true" }),
  });
  try {
    await using t = await startTestAws({ runtime, workloads: { pollMs: 100 } });
    endpoint = t.aws.endpoint;
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: "ml-news-feedback",
        Runtime: "nodejs22.x",
        Role: ROLE,
        Handler: "index.handler",
        Timeout: 10,
        MemorySize: 256,
        Environment: { Variables: { FEEDBACK_TABLE: "ml-news-feedback", LOG_LEVEL: "warn" } },
        Code: { ZipFile: stable.bytes },
        Publish: true,
      }),
    );
    await t.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: "ml-news-feedback", ZipFile: broken.bytes }),
    );
    await t.lambda.send(new PublishVersionCommand({ FunctionName: "ml-news-feedback" }));
    await t.lambda.send(
      new CreateAliasCommand({
        FunctionName: "ml-news-feedback",
        Name: "live",
        FunctionVersion: "1",
        RoutingConfig: { AdditionalVersionWeights: { "2": 0.3 } },
      }),
    );
    let url: string | undefined;
    for (let i = 0; i < 100 && !url; i++) {
      url = t.aws.endpoints().functionUrls.find((u) => u.alias === "live")?.url;
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(url, "the alias got a function URL");

    const statuses = new Map<string, number[]>();
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${url}/v1/feedback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          text: `Oil prices fell again on day ${i}`,
          predicted: "World",
          correct: "Business",
          modelVersion: "sha256:test",
          requestId: `req-${i}`,
        }),
      });
      await response.body?.cancel();
      const version = response.headers.get("X-Amz-Executed-Version") ?? "?";
      statuses.set(version, [...(statuses.get(version) ?? []), response.status]);
    }
    assert.ok((statuses.get("1") ?? []).every((s) => s === 201), JSON.stringify([...statuses]));
    assert.ok((statuses.get("2") ?? []).every((s) => s === 500), JSON.stringify([...statuses]));
    const stableCount = statuses.get("1")?.length ?? 0;
    const brokenCount = statuses.get("2")?.length ?? 0;
    assert.equal(stableCount + brokenCount, 40);
    // Binomial(40, 0.3): mean 12, sd 2.9; ±4 sd.
    assert.ok(brokenCount >= 1 && brokenCount <= 24, `broken revision served ${brokenCount}`);

    const stats = await fetch(`${url}/v1/feedback/stats?modelVersion=sha256:test`);
    assert.equal(stats.headers.get("X-Amz-Executed-Version") !== null, true);
    await stats.body?.cancel();

    const metrics = await (await fetch(`${t.aws.endpoint}/metrics`)).text();
    const count = (version: string) =>
      Number(
        new RegExp(
          `^lambda_invocations_total\\{account_id="000000000001",function_name="ml-news-feedback",executed_version="${version}"\\} (\\d+)$`,
          "m",
        ).exec(metrics)?.[1] ?? -1,
      );
    // the stats call above went to one of the two versions
    assert.equal(count("1") + count("2"), 41);
    assert.ok(count("1") >= stableCount && count("2") >= brokenCount);
    assert.match(metrics, /lambda_duration_seconds_count\{[^}]*executed_version="1"\} \d+/);

    // The broken revision's 500s are not Lambda errors, but they are function URL 5xx.
    const byVersion = await t.aws.invocationMetrics({
      accountId: "000000000001",
      functionName: "ml-news-feedback",
    });
    const v2 = byVersion.find((m) => m.executedVersion === "2");
    assert.equal(v2?.errors, 0);
    assert.equal(v2?.url5xx, count("2"));
    assert.equal(byVersion.find((m) => m.executedVersion === "1")?.url5xx, 0);
    assert.match(
      metrics,
      new RegExp(`lambda_url_5xx_total\\{[^}]*executed_version="2"\\} ${count("2")}\n`),
    );
  } finally {
    await runtime.close();
  }
});
