import assert from "node:assert/strict";
import { cloudWatchProvider, combine } from "../analysis/cloudwatch_provider.ts";
import { measureMetrics } from "../analysis/measure.ts";
import { metric } from "../analysis/testing.ts";
import { createCloudWatchMetrics } from "./cloudwatch_metrics.ts";
import { ThrottledError } from "./errors.ts";

interface Datapoint {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly t: number;
  readonly value: number;
}

interface WireQuery {
  Id: string;
  MetricStat: {
    Metric: {
      Namespace: string;
      MetricName: string;
      Dimensions?: { Name: string; Value: string }[];
    };
    Period: number;
    Stat: string;
  };
}

/**
 * A tiny CloudWatch speaking the protocol the installed SDK uses (AWS JSON 1.0,
 * `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, epoch-second timestamps):
 * aggregates raw datapoints per period from StartTime, pages results when asked, and can
 * answer with throttling errors.
 */
function fakeCloudWatch(
  datapoints: Datapoint[],
  options: { throttle?: number; pageSize?: number } = {},
) {
  const requests: { headers: Headers; body: Record<string, unknown> }[] = [];
  let throttle = options.throttle ?? 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const body = await request.json();
      requests.push({ headers: request.headers, body });
      if (request.headers.get("x-amz-target") !== "GraniteServiceVersion20100801.GetMetricData") {
        return Response.json({ __type: "UnknownOperationException" }, { status: 400 });
      }
      if (throttle-- > 0) {
        return Response.json({ __type: "Throttling", message: "Rate exceeded" }, {
          status: 400,
          headers: {
            "x-amzn-query-error": "Throttling;Sender",
            "content-type": "application/x-amz-json-1.0",
          },
        });
      }
      const start = Math.floor((body.StartTime as number) / 60) * 60 * 1000;
      const end = (body.EndTime as number) * 1000;
      const results = (body.MetricDataQueries as WireQuery[]).map((q) => {
        const dims = Object.fromEntries(
          (q.MetricStat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value]),
        );
        const period = q.MetricStat.Period * 1000;
        const timestamps: number[] = [];
        const values: number[] = [];
        for (let from = start; from < end; from += period) {
          const points = datapoints.filter((p) =>
            p.namespace === q.MetricStat.Metric.Namespace &&
            p.metricName === q.MetricStat.Metric.MetricName &&
            JSON.stringify(p.dimensions) === JSON.stringify(dims) && p.t >= from &&
            p.t < from + period
          ).map((p) => p.value);
          if (points.length === 0) continue;
          timestamps.push(from / 1000);
          values.push(statistic(q.MetricStat.Stat, points));
        }
        return {
          Id: q.Id,
          Label: q.MetricStat.Metric.MetricName,
          Timestamps: timestamps,
          Values: values,
          StatusCode: "Complete",
        };
      });
      const size = options.pageSize;
      const page = body.NextToken === "page2" ? 1 : 0;
      const paged = size === undefined ? results : results.map((r) => ({
        ...r,
        Timestamps: r.Timestamps.slice(page * size, (page + 1) * size),
        Values: r.Values.slice(page * size, (page + 1) * size),
      }));
      const more = size !== undefined && page === 0 && results.some((r) => r.Values.length > size);
      return Response.json({
        MetricDataResults: paged,
        Messages: [],
        ...(more ? { NextToken: "page2" } : {}),
      }, {
        headers: { "content-type": "application/x-amz-json-1.0" },
      });
    },
  );
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    requests,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

function statistic(stat: string, points: number[]): number {
  const sorted = [...points].sort((a, b) => a - b);
  switch (stat) {
    case "Sum":
      return points.reduce((a, b) => a + b, 0);
    case "SampleCount":
      return points.length;
    case "Average":
      return points.reduce((a, b) => a + b, 0) / points.length;
    case "Minimum":
      return sorted[0]!;
    case "Maximum":
      return sorted.at(-1)!;
  }
  const p = Number(stat.slice(1));
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const sdk = (endpoint: string, maxAttempts = 3) => ({
  region: "eu-west-1",
  endpoint,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts,
});

/** Lambda's per-invocation `Errors` datapoints (0 or 1) for one executed version. */
function invocations(version: string, count: number, errors: number): Datapoint[] {
  return Array.from({ length: count }, (_, i) => ({
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: {
      FunctionName: "ml-news-feedback",
      Resource: "ml-news-feedback:live",
      ExecutedVersion: version,
    },
    t: T0 + Math.floor((i * 120_000) / count),
    value: i < errors ? 1 : 0,
  }));
}

const errorRate = metric({
  name: "error-rate",
  provider: {
    cloudWatch: {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      stat: "Average",
      dimensions: {
        FunctionName: "{{function}}",
        Resource: "{{function}}:{{alias}}",
        ExecutedVersion: "{{version}}",
      },
    },
  },
  successCondition: "result <= stable + 0.01",
  minSamples: 50,
});
const target = { functionName: "ml-news-feedback", alias: "live" };

Deno.test("cloudWatch provider compares canary and stable error rates with the real SDK", async () => {
  await using cw = fakeCloudWatch([...invocations("4", 100, 10), ...invocations("3", 300, 3)]);
  const port = createCloudWatchMetrics(sdk(cw.endpoint));
  try {
    const [measured] = await measureMetrics([{ metric: errorRate, since: T0 }], {
      providers: { cloudWatch: cloudWatchProvider(port) },
      target,
      versions: { canary: "4", stable: "3" },
      now: T0 + 120_000,
    });
    assert.equal(measured?.phase, "Failed", measured?.message);
    assert.equal(measured?.value, 0.1);
    assert.equal(measured?.stableValue, 0.01);
    assert.equal(measured?.samples, 100);
  } finally {
    port.close();
  }
  const [{ headers, body }] = cw.requests as [(typeof cw.requests)[0]];
  assert.equal(headers.get("content-type"), "application/x-amz-json-1.0");
  assert.match(
    headers.get("authorization") ?? "",
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d+\/eu-west-1\/monitoring\/aws4_request/,
  );
  assert.equal(body.StartTime, T0 / 1000);
  assert.equal(body.EndTime, T0 / 1000 + 120);
  const queries = body.MetricDataQueries as WireQuery[];
  assert.deepEqual(queries.map((q) => [q.Id, q.MetricStat.Stat, q.MetricStat.Period]), [
    ["canary_value", "Average", 120],
    ["canary_samples", "SampleCount", 120],
    ["stable_value", "Average", 120],
    ["stable_samples", "SampleCount", 120],
  ]);
  assert.deepEqual(queries[2]?.MetricStat.Metric.Dimensions, [
    { Name: "FunctionName", Value: "ml-news-feedback" },
    { Name: "Resource", Value: "ml-news-feedback:live" },
    { Name: "ExecutedVersion", Value: "3" },
  ]);
});

Deno.test("cloudWatch provider finds no samples for an idle canary: Inconclusive", async () => {
  await using cw = fakeCloudWatch(invocations("3", 300, 3));
  const port = createCloudWatchMetrics(sdk(cw.endpoint));
  try {
    const [measured] = await measureMetrics([{ metric: errorRate, since: T0 }], {
      providers: { cloudWatch: cloudWatchProvider(port) },
      target,
      versions: { canary: "4", stable: "3" },
      now: T0 + 120_000,
    });
    assert.equal(measured?.phase, "Inconclusive");
    assert.equal(measured?.samples, 0);
  } finally {
    port.close();
  }
});

Deno.test("createCloudWatchMetrics() follows NextToken across pages", async () => {
  await using cw = fakeCloudWatch(invocations("4", 120, 12), { pageSize: 1 });
  const port = createCloudWatchMetrics(sdk(cw.endpoint));
  try {
    const [series] = await port.getMetricData([{
      id: "errors",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: {
        FunctionName: "ml-news-feedback",
        Resource: "ml-news-feedback:live",
        ExecutedVersion: "4",
      },
      stat: "Sum",
      periodSeconds: 60,
    }], { start: T0, end: T0 + 120_000 });
    assert.deepEqual(series, { id: "errors", timestamps: [T0, T0 + 60_000], values: [12, 0] });
    assert.deepEqual(cw.requests.map((r) => r.body.NextToken), [undefined, "page2"]);
  } finally {
    port.close();
  }
});

Deno.test("createCloudWatchMetrics() retries throttling and then reports it as ThrottledError", async () => {
  await using recovering = fakeCloudWatch(invocations("4", 10, 1), { throttle: 1 });
  const retrying = createCloudWatchMetrics(sdk(recovering.endpoint, 3));
  const query = {
    id: "n",
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: {
      FunctionName: "ml-news-feedback",
      Resource: "ml-news-feedback:live",
      ExecutedVersion: "4",
    },
    stat: "SampleCount",
    periodSeconds: 120,
  };
  try {
    const [series] = await retrying.getMetricData([query], { start: T0, end: T0 + 120_000 });
    assert.deepEqual(series?.values, [10]);
    assert.equal(recovering.requests.length, 2);
  } finally {
    retrying.close();
  }
  await using throttled = fakeCloudWatch([], { throttle: 10 });
  const once = createCloudWatchMetrics(sdk(throttled.endpoint, 1));
  try {
    await assert.rejects(once.getMetricData([query], { start: T0, end: T0 + 60_000 }), (error) => {
      assert.ok(error instanceof ThrottledError, String(error));
      assert.match(error.message, /^GetMetricData: Throttling: Rate exceeded/);
      return true;
    });
  } finally {
    once.close();
  }
});

Deno.test("combine() merges datapoints per statistic", () => {
  assert.equal(combine("Sum", { values: [1, 2], samples: [5, 5] }), 3);
  assert.equal(combine("Average", { values: [0.1, 0.4], samples: [300, 100] }), 0.175);
  assert.equal(combine("Maximum", { values: [3, 9], samples: [1, 1] }), 9);
  assert.equal(combine("p99", { values: [800, 900], samples: [10, 40] }), 900);
  assert.equal(combine("Average", { values: [], samples: [] }), undefined);
});
