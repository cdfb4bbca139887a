import assert from "node:assert/strict";
import { judge, type ProviderOutcome } from "./measurement.ts";
import { metric } from "./testing.ts";

const both = metric({
  minSamples: 20,
  successCondition: "result <= stable + 0.01",
  failureCondition: "result > stable + 0.05",
});
const onlySuccess = metric({ successCondition: "result < 1000" });
const onlyFailure = metric({ failureCondition: "result > 0.1" });

const reading = (value: number, samples: number, stableValue?: number): ProviderOutcome => ({
  reading: { value, samples, stableValue },
});

Deno.test("judge() applies Argo Rollouts' success/failure condition rules", () => {
  const table: [string, typeof both, ProviderOutcome, string][] = [
    ["both: failure true", both, reading(0.1, 100, 0.01), "Failed"],
    ["both: success true", both, reading(0.015, 100, 0.01), "Successful"],
    ["both: neither", both, reading(0.04, 100, 0.01), "Inconclusive"],
    ["success only: true", onlySuccess, reading(900, 5), "Successful"],
    ["success only: false fails", onlySuccess, reading(1200, 5), "Failed"],
    ["failure only: false passes", onlyFailure, reading(0.05, 5), "Successful"],
    ["failure only: true fails", onlyFailure, reading(0.2, 5), "Failed"],
  ];
  for (const [name, m, outcome, phase] of table) {
    assert.equal(judge(m, outcome, { at: 1_000 }).phase, phase, name);
  }
});

Deno.test("judge() makes too few samples Inconclusive even when the condition would pass", () => {
  const measurement = judge(both, reading(0, 19, 0), { at: 5_000 });
  assert.deepEqual(measurement, {
    metric: "t/m",
    at: 5_000,
    value: 0,
    stableValue: 0,
    samples: 19,
    phase: "Inconclusive",
    message: "19 sample(s) < minSamples 20: not enough data",
  });
  // Zero samples with the default minSamples (1) is never a pass either.
  assert.equal(judge(onlySuccess, reading(0, 0), { at: 0 }).phase, "Inconclusive");
});

Deno.test("judge() is Inconclusive when a stable comparison has no stable value", () => {
  const measurement = judge(both, reading(0.01, 100), { at: 0 });
  assert.equal(measurement.phase, "Inconclusive");
  assert.equal(measurement.message, "no stable measurement in this window");
});

Deno.test("judge() turns provider failures and bad arithmetic into Error measurements", () => {
  const failed = judge(both, { error: "GET http://x: timeout after 10000ms" }, { at: 7 });
  assert.deepEqual(failed, {
    metric: "t/m",
    at: 7,
    samples: 0,
    phase: "Error",
    message: "GET http://x: timeout after 10000ms",
  });
  const ratio = metric({ successCondition: "result / stable < 2" });
  const divided = judge(ratio, reading(1, 10, 0), { at: 0 });
  assert.equal(divided.phase, "Error");
  assert.equal(divided.message, "successCondition: division by zero");
});

Deno.test("judge() explains its verdict with the values and the condition", () => {
  assert.equal(
    judge(both, reading(0.1, 100, 0.01), { at: 0 }).message,
    "result=0.1 stable=0.01: result > stable + 0.05",
  );
  assert.equal(
    judge(onlySuccess, reading(1200, 5), { at: 0 }).message,
    "result=1200: not (result < 1000)",
  );
});
