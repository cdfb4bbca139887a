import assert from "node:assert/strict";
import { decide } from "./machine.ts";
import { recordRolloutMeasurements } from "./record.ts";
import { analysisDuration, summarizeRollout } from "./summary.ts";
import {
  healthy,
  MINUTE,
  NEW,
  OLD,
  repoStrategy,
  repoTemplates,
  SECOND,
  simulate,
  T0,
} from "./testing.ts";
import { judge } from "../analysis/measurement.ts";

const templates = await repoTemplates();
const strategy = await repoStrategy("dev/feedback");
const base = { revision: NEW, stableRevision: OLD, strategy, templates } as const;

Deno.test("summarizeRollout() shows the step, weight, next action and promotion estimate", () => {
  const started = decide({ ...base, state: null, now: T0 });
  const summary = summarizeRollout({ ...base, state: started.state, now: T0 + 10 * SECOND });
  assert.deepEqual(summary.step, { current: 2, total: 6 });
  assert.equal(summary.setWeight, 10);
  assert.deepEqual(summary.next, { kind: "wait", at: T0 + MINUTE, reason: "step 2/6: pause" });
  // Pause ends at 1m; then analysis 100s, setWeight, pause 1m, analysis 100s.
  assert.equal(summary.promotionAt, T0 + MINUTE + 100 * SECOND + MINUTE + 100 * SECOND);
  assert.deepEqual(summary.runs, []);
});

Deno.test("summarizeRollout() lists each metric's last measurement during analysis", () => {
  const started = decide({ ...base, state: null, now: T0 });
  const atAnalysis = decide({ ...base, state: started.state, now: T0 + MINUTE });
  assert.equal(atAnalysis.kind, "measure");
  const metric = templates.get("lambda-error-rate")!.metrics[1]!;
  const measured = recordRolloutMeasurements({ state: atAnalysis.state, run: "step" }, [
    judge(metric, { reading: healthy(metric.key) }, { at: T0 + MINUTE }),
  ]);
  const summary = summarizeRollout({ ...base, state: measured, now: T0 + MINUTE + SECOND });
  assert.equal(summary.runs.length, 1);
  const [run] = summary.runs;
  assert.equal(run?.phase, "Running");
  assert.deepEqual(run?.metrics.map((m) => [m.key, m.last?.value ?? null]), [
    ["lambda-error-rate/error-rate", null],
    ["lambda-error-rate/p99-duration", 420],
    ["lambda-error-rate/http-error-rate", null],
  ]);
});

Deno.test("summarizeRollout() explains a rollback with the failing metric", () => {
  const broken = (key: string) =>
    key.endsWith("error-rate") ? { value: 0.3, stableValue: 0.01, samples: 200 } : healthy(key);
  const world = simulate({ strategy, templates, read: broken });
  const summary = summarizeRollout({
    ...base,
    state: world.decisions.at(-1)!.state,
    now: world.now,
  });
  assert.equal(summary.phase, "RolledBack");
  assert.equal(summary.next.kind, "quarantined");
  assert.equal(summary.failure?.metric, "lambda-error-rate/error-rate");
  assert.equal(summary.runs[0]?.phase, "Failed");
  assert.equal(summary.runs[0]?.metrics[0]?.last?.value, 0.3);
  assert.equal(summary.promotionAt, undefined);
});

Deno.test("analysisDuration() counts initial delay and intervals of deciding metrics", () => {
  assert.equal(analysisDuration(templates.get("lambda-error-rate")!.metrics), 100 * SECOND);
});
