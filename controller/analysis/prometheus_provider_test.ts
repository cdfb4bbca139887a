import assert from "node:assert/strict";
import { measureMetrics } from "./measure.ts";
import { prometheusProvider } from "./prometheus_provider.ts";
import { metric } from "./testing.ts";

/**
 * A fake of Prometheus' HTTP API (`/api/v1/query`), answering from a table of query → result
 * in the real response format, and recording the queries it got.
 */
function fakePrometheus(results: Record<string, { status: number; body: unknown }>) {
  const queries: { query: string; time: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    if (url.pathname !== "/prom/api/v1/query") return new Response("not found", { status: 404 });
    const query = url.searchParams.get("query") ?? "";
    queries.push({ query, time: url.searchParams.get("time") ?? "" });
    const found = results[query] ?? { status: 200, body: vector([]) };
    return Response.json(found.body, { status: found.status });
  });
  return {
    address: `http://127.0.0.1:${server.addr.port}/prom`,
    queries,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

const vector = (values: number[]) => ({
  status: "success",
  data: {
    resultType: "vector",
    result: values.map((v, i) => ({
      metric: { version: String(i) },
      value: [1764147600, String(v)],
    })),
  },
});
const ok = (body: unknown) => ({ status: 200, body });

const now = Date.UTC(2026, 10, 26, 9, 0, 0);
const versions = { canary: "4", stable: "3" };
const rate = (version: string) =>
  `sum(rate(http_requests_total{code=~"5..",version="${version}"}[90s])) / sum(rate(http_requests_total{version="${version}"}[90s]))`;

Deno.test("prometheusProvider() runs the instant query per version at the window's end", async () => {
  await using prom = fakePrometheus({
    [rate("4")]: ok(vector([0.02])),
    [rate("3")]: ok(vector([0.01])),
  });
  const m = metric({
    provider: {
      prometheus: {
        address: "{{env.PROM}}",
        query:
          'sum(rate(http_requests_total{code=~"5..",version="{{version}}"}[{{window}}])) / sum(rate(http_requests_total{version="{{version}}"}[{{window}}]))',
      },
    },
    successCondition: "result <= stable + 0.01",
  });
  const [measurement] = await measureMetrics([{ metric: m, since: now - 90_000 }], {
    providers: { prometheus: prometheusProvider({ env: { PROM: prom.address } }) },
    target: {},
    versions,
    now,
  });
  assert.equal(measurement?.phase, "Successful", measurement?.message);
  assert.equal(measurement?.value, 0.02);
  assert.equal(measurement?.stableValue, 0.01);
  const at = (now / 1000).toFixed(3);
  assert.deepEqual(prom.queries.map((q) => q.time), [at, at]);
});

Deno.test("prometheusProvider() reads scalars, treats empty or NaN as no data, rejects many series", async () => {
  await using prom = fakePrometheus({
    "scalar(up)": ok({
      status: "success",
      data: { resultType: "scalar", result: [1764147600, "0.5"] },
    }),
    "nan": ok({ status: "success", data: { resultType: "scalar", result: [1764147600, "NaN"] } }),
    "many": ok(vector([1, 2])),
    "matrix": ok({ status: "success", data: { resultType: "matrix", result: [] } }),
    "bad(": {
      status: 400,
      body: {
        status: "error",
        errorType: "bad_data",
        error: "parse error at char 5: unclosed left parenthesis",
      },
    },
  });
  const provider = prometheusProvider({ env: {} });
  const table: [string, string, RegExp | number][] = [
    ["scalar(up)", "Successful", 0.5],
    ["empty", "Inconclusive", /0 sample\(s\)/],
    ["nan", "Inconclusive", /0 sample\(s\)/],
    ["many", "Error", /returned 2 series; aggregate it to one/],
    ["matrix", "Error", /expected a scalar or vector result, found matrix/],
    ["bad(", "Error", /bad_data: parse error at char 5/],
  ];
  for (const [query, phase, expected] of table) {
    const m = metric({
      provider: { prometheus: { address: prom.address, query } },
      successCondition: "result < 1",
    });
    const [measurement] = await measureMetrics([{ metric: m, since: now - 60_000 }], {
      providers: { prometheus: provider },
      target: {},
      versions,
      now,
    });
    assert.equal(measurement?.phase, phase, `${query}: ${measurement?.message}`);
    if (typeof expected === "number") assert.equal(measurement?.value, expected);
    else assert.match(measurement!.message, expected);
  }
});
