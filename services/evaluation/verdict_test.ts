import assert from "node:assert/strict";
import { latencySummary } from "./latency.ts";
import type { EndpointResult } from "./run_sample.ts";
import { judge } from "./verdict.ts";

function result(accuracy: number | null, p99: number | null, errors = 0): EndpointResult {
  return {
    endpoint: "http://x",
    examples: 100,
    answered: 100 - errors,
    errors,
    errorSamples: [],
    accuracy,
    macroF1: accuracy,
    perClassRecall: null,
    latencyMs: p99 === null ? null : { p50: 1, p95: p99, p99, max: p99 },
    servedVersions: {},
  };
}

const thresholds = { minAccuracy: 0.9, maxAccuracyDrop: 0.01, maxP99Ms: 50 };

Deno.test("judge() passes, and fails exactly the checks whose limits are crossed", () => {
  const table: [string, Parameters<typeof judge>[0], string[]][] = [
    ["all within limits", { result: result(0.91, 20), baseline: result(0.915, 20) }, []],
    ["accuracy below the minimum", { result: result(0.89, 20) }, ["minAccuracy"]],
    [
      "a drop of 1.5 points vs baseline",
      { result: result(0.91, 20), baseline: result(0.925, 20) },
      ["maxAccuracyDrop"],
    ],
    ["a drop of exactly 1 point", { result: result(0.91, 20), baseline: result(0.92, 20) }, []],
    ["p99 over the limit", { result: result(0.95, 51) }, ["maxP99Ms"]],
    ["request errors", { result: result(0.95, 20, 1) }, ["errors"]],
    ["no answers at all (no data is never a pass)", { result: result(null, null, 100) }, [
      "errors",
      "minAccuracy",
      "maxP99Ms",
    ]],
  ];
  for (const [name, input, failed] of table) {
    const v = judge(input, thresholds);
    assert.deepEqual(v.checks.filter((c) => !c.passed).map((c) => c.name), failed, name);
    assert.equal(v.verdict, failed.length === 0 ? "pass" : "fail", name);
  }
});

Deno.test("judge() makes only the checks whose thresholds are configured", () => {
  const v = judge({ result: result(0.5, 999) }, {});
  assert.deepEqual(v.checks.map((c) => c.name), ["errors"]);
  assert.equal(v.verdict, "pass");
});

Deno.test("latencySummary() uses nearest-rank percentiles", () => {
  const samples = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual(latencySummary(samples), { p50: 50, p95: 95, p99: 99, max: 100 });
  assert.deepEqual(latencySummary([7]), { p50: 7, p95: 7, p99: 7, max: 7 });
  assert.equal(latencySummary([]), null);
});
