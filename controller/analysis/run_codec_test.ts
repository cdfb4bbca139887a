import assert from "node:assert/strict";
import { judge } from "./measurement.ts";
import { recordMeasurements, startRun } from "./run.ts";
import { decodeRun, encodeRun, RunCodecError } from "./run_codec.ts";
import { metric, repoTemplate } from "./testing.ts";

Deno.test("encodeRun() round-trips counters and last measurements in a tag-sized string", async () => {
  const { metrics } = await repoTemplate("lambda-error-rate");
  const [errorRate, p99] = metrics;
  let state = startRun(Date.UTC(2026, 10, 26, 9, 0, 0));
  for (let i = 0; i < 4; i++) {
    const at = state.startedAt + 10_000 + i * 30_000;
    state = recordMeasurements(state, [
      judge(errorRate!, { reading: { value: 0.0123456789, stableValue: 0.01, samples: 1234 } }, {
        at: at,
      }),
      judge(p99!, i === 2 ? { error: "timeout" } : { reading: { value: 812.5, samples: 1234 } }, {
        at: at,
      }),
    ]);
  }
  const text = encodeRun(state, metrics);
  assert.match(text, /^[\p{L}\p{N}.:/+\-]+$/u, "only characters AWS allows in tag values");
  assert.ok(text.length <= 120, `${text.length} chars: ${text}`);
  const decoded = decodeRun(text, metrics);
  assert.equal(decoded.startedAt, state.startedAt);
  assert.deepEqual(
    decoded.metrics["lambda-error-rate/p99-duration"],
    state.metrics["lambda-error-rate/p99-duration"],
  );
  const rate = decoded.metrics["lambda-error-rate/error-rate"]!;
  assert.equal(rate.last?.value, 0.0123457);
  assert.equal(rate.count, 4);
  assert.equal(rate.successful, 4);
});

Deno.test("encodeRun() keeps never-measured metrics empty", () => {
  const metrics = [
    metric({ name: "a", successCondition: "true" }),
    metric({ name: "b", successCondition: "true" }),
  ];
  const state = startRun(5);
  assert.deepEqual(decodeRun(encodeRun(state, metrics), metrics), state);
});

Deno.test("decodeRun() rejects state written for other metrics or corrupted", () => {
  const a = [metric({ name: "a", successCondition: "true" })];
  const b = [metric({ name: "b", successCondition: "true" })];
  const text = encodeRun(startRun(0), a);
  assert.throws(() => decodeRun(text, b), RunCodecError);
  for (
    const bad of [
      "",
      "zzzz",
      `${text}/1:2`,
      text.replace(".0", ".-1"),
      `${text.split("/")[0]}/1:1:0:0:0:0:5:Q:1::`,
    ]
  ) {
    assert.throws(() => decodeRun(bad, a), RunCodecError, bad);
  }
});
