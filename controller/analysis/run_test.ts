import assert from "node:assert/strict";
import { judge, type Measurement } from "./measurement.ts";
import { assessRun, recordMeasurements, startRun } from "./run.ts";
import type { AnalysisMetric } from "./template.ts";
import { metric, repoTemplate } from "./testing.ts";

const S = 1_000;

/** Measures every due metric with `read(metric)` until the run has a verdict. */
function drive(
  metrics: readonly AnalysisMetric[],
  read: (
    m: AnalysisMetric,
    n: number,
  ) => { value: number; samples: number; stableValue?: number } | string,
  options: { start?: number; maxSteps?: number } = {},
) {
  let state = startRun(options.start ?? 0);
  let now = state.startedAt;
  const taken: Measurement[] = [];
  for (let step = 0; step < (options.maxSteps ?? 100); step++) {
    const status = assessRun(metrics, state, { now });
    if (status.phase !== "Running") return { status, taken, now, state };
    if (status.due.length === 0) {
      assert.ok(
        status.nextAt !== undefined && status.nextAt > now,
        "a running run always has a next time",
      );
      now = status.nextAt;
      continue;
    }
    const measured = status.due.map((m) => {
      const n = taken.filter((t) => t.metric === m.key).length;
      const r = read(m, n);
      return judge(m, typeof r === "string" ? { error: r } : { reading: r }, { at: now });
    });
    taken.push(...measured);
    state = recordMeasurements(state, measured);
  }
  throw new Error("run did not finish");
}

Deno.test("assessRun() measures after initialDelay, every interval, count times, then succeeds", async () => {
  const template = await repoTemplate("lambda-error-rate");
  const { status, taken } = drive(
    template.metrics,
    () => ({ value: 0.01, stableValue: 0.01, samples: 100 }),
    {
      start: 1_000_000,
    },
  );
  assert.equal(status.phase, "Successful");
  const errorRate = taken.filter((t) => t.metric === "lambda-error-rate/error-rate").map((t) =>
    t.at - 1_000_000
  );
  assert.deepEqual(errorRate, [10 * S, 40 * S, 70 * S, 100 * S]);
  const p99 = taken.filter((t) => t.metric === "lambda-error-rate/p99-duration").map((t) =>
    t.at - 1_000_000
  );
  assert.deepEqual(p99, [0, 30 * S, 60 * S, 90 * S]);
  assert.equal(status.message, "lambda-error-rate/error-rate: 4/4 measurements successful");
});

Deno.test("assessRun() fails once failed measurements exceed failureLimit, and stops measuring", async () => {
  const template = await repoTemplate("lambda-error-rate"); // failureLimit: 1
  const { status, taken } = drive(
    template.metrics,
    (m, n) =>
      m.name === "error-rate" && n >= 1
        ? { value: 0.2, stableValue: 0.01, samples: 100 }
        : { value: 0.01, stableValue: 0.01, samples: 100 },
  );
  assert.equal(status.phase, "Failed");
  assert.equal(
    status.message,
    "lambda-error-rate/error-rate: 2 failed measurement(s) > failureLimit 1",
  );
  assert.deepEqual(status.due, []);
  assert.equal(taken.filter((t) => t.metric === "lambda-error-rate/error-rate").length, 3);
  const summary = status.metrics.find((s) => s.key === "lambda-error-rate/error-rate");
  assert.equal(summary?.last?.value, 0.2);
  assert.equal(summary?.last?.phase, "Failed");
});

Deno.test("assessRun() with no traffic ends Inconclusive, never Successful", async () => {
  const template = await repoTemplate("lambda-error-rate"); // minSamples 20, inconclusiveLimit 2
  const { status, taken } = drive(
    template.metrics,
    () => ({ value: 0, stableValue: 0, samples: 0 }),
  );
  assert.equal(status.phase, "Inconclusive");
  assert.equal(taken.filter((t) => t.metric === "lambda-error-rate/error-rate").length, 3);
  assert.match(status.message, /3 inconclusive measurement\(s\) > inconclusiveLimit 2/);
});

Deno.test("assessRun() errors after more than consecutiveErrorLimit provider failures in a row", () => {
  const m = metric({ count: 3, successCondition: "result < 1", consecutiveErrorLimit: 2 });
  const { status, taken } = drive([m], () => "connection refused");
  assert.equal(status.phase, "Error");
  assert.equal(taken.length, 3);
  assert.equal(status.message, "t/m: 3 consecutive errors > consecutiveErrorLimit 2");
});

Deno.test("assessRun() resets consecutive errors on a good measurement and errors use no count", () => {
  const m = metric({ count: 3, successCondition: "result < 1", consecutiveErrorLimit: 1 });
  const script = ["down", 0.5, "down", 0.5, "down", 0.5];
  const { status, taken } = drive([m], (_, n) => {
    const step = script[n]!;
    return typeof step === "string" ? step : { value: step, samples: 1 };
  });
  assert.equal(status.phase, "Successful");
  assert.equal(taken.length, 6);
});

Deno.test("assessRun() never lets a dry-run metric decide", () => {
  const deciding = metric({ name: "ok", count: 2, successCondition: "result < 1" });
  const dry = metric({ name: "dry", count: 2, successCondition: "result < 1", dryRun: true });
  const { status } = drive(
    [deciding, dry],
    (m) => ({ value: m.name === "dry" ? 5 : 0, samples: 1 }),
  );
  assert.equal(status.phase, "Successful");
  assert.equal(status.metrics.find((s) => s.key === "t/dry")?.phase, "Failed");
});

Deno.test("assessRun() runs a metric without count until stopped", () => {
  const background = metric({ successCondition: "result < 1" });
  const { status, taken } = (() => {
    try {
      return drive([background], () => ({ value: 0, samples: 1 }), { maxSteps: 50 });
    } catch {
      return { status: undefined, taken: [] };
    }
  })();
  assert.equal(status, undefined, "an unbounded metric keeps running");
  assert.deepEqual(taken, []);
  let state = startRun(0);
  for (let i = 0; i < 10; i++) {
    state = recordMeasurements(state, [
      judge(background, { reading: { value: 0, samples: 1 } }, { at: i * 60 * S }),
    ]);
  }
  const running = assessRun([background], state, { now: 9 * 60 * S });
  assert.equal(running.phase, "Running");
  assert.equal(running.nextAt, 10 * 60 * S);
});

Deno.test("assessRun() reports the earliest next measurement across metrics", () => {
  const fast = metric({ name: "fast", interval: "10s", count: 2, successCondition: "result < 1" });
  const slow = metric({
    name: "slow",
    interval: "1m",
    initialDelay: "30s",
    count: 1,
    successCondition: "result < 1",
  });
  const state = recordMeasurements(startRun(0), [
    judge(fast, { reading: { value: 0, samples: 1 } }, { at: 0 }),
  ]);
  const status = assessRun([fast, slow], state, { now: 5 * S });
  assert.deepEqual(status.due, []);
  assert.equal(status.nextAt, 10 * S);
  assert.deepEqual(assessRun([fast, slow], state, { now: 30 * S }).due.map((m) => m.name), [
    "fast",
    "slow",
  ]);
});
