import assert from "node:assert/strict";
import { judge, type Reading } from "../analysis/measurement.ts";
import { recordRolloutMeasurements } from "./record.ts";
import { decide, type RolloutInput } from "./machine.ts";
import type { RolloutState } from "./state.ts";
import { plannedWeights } from "./steps.ts";
import {
  healthy,
  last,
  MINUTE,
  NEW,
  OLD,
  repoStrategy,
  repoTemplates,
  SECOND,
  simulate,
  strategyFromSpec,
  T0,
} from "./testing.ts";

const templates = await repoTemplates();
const feedback = await repoStrategy("dev/feedback");

/** Error rate 20 % on the canary from `from` on (the stable stays at 1 %). */
const brokenFrom = (from: number) => (key: string, now: number): Reading =>
  key.endsWith("error-rate") && now >= from
    ? { value: 0.2, stableValue: 0.01, samples: 200 }
    : healthy(key);

Deno.test("decide() walks a good revision through every step and promotes", () => {
  const world = simulate({ strategy: feedback, templates, read: healthy });
  assert.deepEqual(world.writes, ["setWeight 10", "setWeight 50", "promote"]);
  assert.equal(last(world.decisions).kind, "done");
  assert.equal(world.primary, NEW);
  // Two analyses of 4 error-rate, 4 dry-run p99 and 4 HTTP error-rate measurements each.
  assert.equal(world.measurements, 24);
  // (1m pause + 10s initial delay + 3×30s between measurements) twice: a bit over 5m20s.
  const took = world.now - T0;
  assert.ok(took >= 5 * MINUTE + 20 * SECOND && took < 5 * MINUTE + 30 * SECOND, `${took}ms`);
});

Deno.test("decide() rolls a bad revision back in one write and quarantines it", () => {
  const failAt = T0 + 3 * MINUTE; // during the second analysis, at 50 %
  const world = simulate({ strategy: feedback, templates, read: brokenFrom(failAt) });
  assert.deepEqual(world.writes, ["setWeight 10", "setWeight 50", "rollback"]);
  const rollback = world.decisions.find((d) => d.kind === "rollback");
  assert.ok(rollback?.kind === "rollback");
  assert.match(
    rollback.reason,
    /analysis Failed: lambda-error-rate\/error-rate: 2 failed measurement/,
  );
  assert.deepEqual(rollback.failing.map((f) => [f.key, f.last?.value]), [
    ["lambda-error-rate/error-rate", 0.2],
    ["lambda-error-rate/http-error-rate", 0.2],
  ]);
  const quarantined = last(world.decisions);
  assert.equal(quarantined.kind, "quarantined");
  assert.equal(world.primary, OLD);
  assert.equal(world.weight, 0);

  // The next passes, and a restarted controller, never re-attempt the revision.
  const again = simulate({ strategy: feedback, templates, read: healthy }, {
    ...world,
    writes: [],
    now: world.now + 60 * MINUTE,
  });
  assert.deepEqual(again.writes, []);
  assert.equal(last(again.decisions).kind, "quarantined");
  assert.match(
    (last(again.decisions) as { reason: string }).reason,
    /rolled back: analysis \(lambda-error-rate\/error-rate\) at .*`rollout retry`/,
  );
});

Deno.test("decide() retries a quarantined revision from step 0 after `rollout retry`", () => {
  const failed = simulate({ strategy: feedback, templates, read: brokenFrom(T0) });
  assert.deepEqual(failed.writes, ["setWeight 10", "rollback"]);
  const retryAt = failed.now + MINUTE;
  const retried = simulate({
    strategy: feedback,
    templates,
    read: healthy,
    commands: [{ kind: "retry", at: retryAt }],
  }, { ...failed, writes: [], decisions: [], now: retryAt });
  assert.deepEqual(retried.writes, ["setWeight 10", "setWeight 50", "promote"]);
  assert.equal(last(retried.decisions).kind, "done");
});

Deno.test("decide() treats no traffic as Inconclusive and waits for a human", () => {
  const silent = (key: string): Reading => ({ value: 0, stableValue: 0, samples: key ? 0 : 0 });
  const world = simulate({ strategy: feedback, templates, read: silent });
  assert.deepEqual(world.writes, ["setWeight 10"]);
  const held = last(world.decisions);
  assert.equal(held.kind, "pauseForHuman");
  assert.match(
    (held as { reason: string }).reason,
    /analysis Inconclusive .*3 inconclusive.*promote/,
  );
  assert.equal(held.state.hold?.kind, "inconclusive");

  // A later pass changes nothing; `resume` measures again; `promote` accepts.
  const idle = simulate({ strategy: feedback, templates, read: healthy }, {
    ...world,
    writes: [],
    now: world.now + 10 * MINUTE,
  });
  assert.deepEqual(idle.writes, []);
  const resumedAt = idle.now;
  const resumed = simulate({
    strategy: feedback,
    templates,
    read: healthy,
    commands: [{ kind: "resume", at: resumedAt }],
  }, { ...idle, writes: [], decisions: [] });
  assert.deepEqual(resumed.writes, ["setWeight 50", "promote"]);

  const accepted = simulate({
    strategy: feedback,
    templates,
    read: silent,
    commands: [{ kind: "promote", at: resumedAt, full: false }],
  }, { ...idle, writes: [], decisions: [] });
  // Accepting the first analysis moves on; the second one has no data either.
  assert.deepEqual(accepted.writes, ["setWeight 50"]);
  assert.equal(last(accepted.decisions).kind, "pauseForHuman");
});

Deno.test("decide() holds an untimed pause until `rollout promote`", () => {
  const strategy = strategyFromSpec({
    strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }] } },
  });
  const paused = simulate({ strategy, templates, read: healthy });
  assert.deepEqual(paused.writes, ["setWeight 20"]);
  assert.deepEqual(
    [last(paused.decisions).kind, (last(paused.decisions) as { reason: string }).reason],
    ["pauseForHuman", "step 2/3: paused until `rollout promote`"],
  );
  const promoted = simulate({
    strategy,
    templates,
    read: healthy,
    commands: [{ kind: "promote", at: paused.now + 3 * MINUTE, full: false }],
  }, { ...paused, writes: [], now: paused.now + 3 * MINUTE });
  assert.deepEqual(promoted.writes, ["setWeight 60", "promote"]);
});

Deno.test("decide() keeps the remaining pause time across `rollout pause` and `resume`", () => {
  const strategy = strategyFromSpec({ strategy: { preset: "Canary10Percent5Minutes" } });
  const base = { revision: NEW, stableRevision: OLD, strategy, templates } as const;
  const first = decide({ ...base, state: null, now: T0 });
  assert.equal(first.kind, "setWeight");
  const at = (now: number, state: RolloutState, command?: RolloutInput["command"]) =>
    decide({ ...base, state, now, command });
  const waiting = at(T0 + 2 * MINUTE, first.state);
  assert.deepEqual([waiting.kind, (waiting as { until: number }).until], ["wait", T0 + 5 * MINUTE]);
  const paused = at(T0 + 2 * MINUTE, first.state, { kind: "pause", at: T0 + 2 * MINUTE });
  assert.equal(paused.kind, "pauseForHuman");
  const stillPaused = at(T0 + 30 * MINUTE, paused.state, { kind: "pause", at: T0 + 2 * MINUTE });
  assert.equal(stillPaused.kind, "pauseForHuman", "a command is applied once");
  const resumed = at(T0 + 10 * MINUTE, paused.state, { kind: "resume", at: T0 + 10 * MINUTE });
  assert.deepEqual([resumed.kind, (resumed as { until: number }).until], [
    "wait",
    T0 + 13 * MINUTE,
  ]);
});

Deno.test("decide() aborts in one write from any step and holds until the revision changes", () => {
  const abortAt = T0 + 2 * MINUTE + 20 * SECOND; // first analysis, 10 %
  const world = simulate({
    strategy: feedback,
    templates,
    read: healthy,
    commands: [{ kind: "abort", at: abortAt }],
  });
  assert.deepEqual(world.writes, ["setWeight 10", "rollback"]);
  const rollback = world.decisions.find((d) => d.kind === "rollback");
  assert.equal(rollback?.state.phase, "Aborted");
  assert.equal((rollback as { reason: string }).reason, "aborted by `rollout abort`");
  assert.equal(last(world.decisions).kind, "quarantined");

  const newRevision = "c".repeat(64);
  const next = simulate({ strategy: feedback, templates, read: healthy, revision: newRevision }, {
    ...world,
    writes: [],
    now: world.now + MINUTE,
  });
  assert.deepEqual(next.writes, ["setWeight 10", "setWeight 50", "promote"]);
});

Deno.test("decide() promotes at once on `rollout promote --full`, skipping remaining steps", () => {
  const world = simulate({
    strategy: feedback,
    templates,
    read: healthy,
    commands: [{ kind: "promote", at: T0 + 30 * SECOND, full: true }],
  });
  assert.deepEqual(world.writes, ["setWeight 10", "promote"]);
  assert.equal(last(world.decisions).kind, "done");
});

Deno.test("decide() explains a command that has nothing to act on", () => {
  const strategy = strategyFromSpec({ strategy: { preset: "Canary10Percent5Minutes" } });
  const base = { revision: NEW, stableRevision: OLD, strategy, templates } as const;
  const started = decide({ ...base, state: null, now: T0 });
  const retried = decide({
    ...base,
    state: started.state,
    now: T0 + SECOND,
    command: { kind: "retry", at: T0 + SECOND },
  });
  assert.equal(retried.kind, "wait");
  assert.equal(retried.note, "retry: nothing to retry (rollout is Progressing)");
  assert.equal(retried.state.lastCommandAt, T0 + SECOND);
});

Deno.test("decide() rolls back when a step makes no progress within progressDeadline", () => {
  const strategy = { ...feedback, progressDeadlineMs: 2 * MINUTE };
  const base = { revision: NEW, stableRevision: OLD, strategy, templates } as const;
  let state: RolloutState | null = null;
  let now = T0;
  const kinds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const d = decide({ ...base, state, now });
    kinds.push(d.kind);
    state = d.state;
    // The controller does not come back for a long time (a stopped CI schedule).
    now = d.kind === "wait" ? d.until : now + 3 * MINUTE;
    if (d.kind === "rollback") {
      assert.match(d.reason, /progress deadline exceeded: step 3 made no progress for 180s/);
      assert.equal(d.state.failure?.reason, "deadline");
      break;
    }
  }
  // The dry-run p99 metric (no initialDelay) is measured when the analysis step starts.
  assert.deepEqual(kinds, ["setWeight", "measure", "rollback"]);
});

Deno.test("decide() under rollbackPolicy manual waits for a human on failed analysis", () => {
  const strategy = { ...feedback, rollbackPolicy: "manual" as const };
  const world = simulate({ strategy, templates, read: brokenFrom(T0) });
  assert.deepEqual(world.writes, ["setWeight 10"]);
  const held = last(world.decisions);
  assert.equal(held.kind, "pauseForHuman");
  assert.match((held as { reason: string }).reason, /rollbackPolicy is manual: `rollout abort`/);
  const aborted = simulate({
    strategy,
    templates,
    read: healthy,
    commands: [{ kind: "abort", at: world.now }],
  }, { ...world, writes: [] });
  assert.deepEqual(aborted.writes, ["rollback"]);
});

Deno.test("decide() bakes after promotion and still reverts in one write", () => {
  const strategy = strategyFromSpec({
    strategy: { preset: "Canary10Percent5Minutes" },
    postPromotionAnalysis: { templates: ["lambda-error-rate"], duration: "10m" },
  });
  const good = simulate({ strategy, templates, read: healthy });
  assert.deepEqual(good.writes, ["setWeight 10", "promote"]);
  assert.equal(last(good.decisions).state.phase, "Completed");
  assert.ok(good.now >= T0 + 15 * MINUTE, "the bake lasts its duration");

  const bad = simulate({ strategy, templates, read: brokenFrom(T0 + 6 * MINUTE) });
  assert.deepEqual(bad.writes, ["setWeight 10", "promote", "rollback"]);
  assert.equal(bad.primary, OLD);
  const rollback = bad.decisions.find((d) => d.kind === "rollback");
  assert.match((rollback as { reason: string }).reason, /^bake analysis Failed/);
});

Deno.test("decide() bakes against the stable baseline measured during the canary", () => {
  const strategy = strategyFromSpec({
    strategy: {
      canary: {
        steps: [{ setWeight: 20 }, { analysis: { templates: ["lambda-error-rate"] } }],
      },
    },
    postPromotionAnalysis: { templates: ["lambda-error-rate"], duration: "5m" },
  });
  // After promotion the old version gets no traffic: the provider has no stable value.
  const reads = (canaryRate: number) => (key: string, _now: number, primary: string): Reading => {
    const reading = healthy(key);
    if (!key.endsWith("error-rate")) return reading;
    return primary === NEW
      ? { value: canaryRate, samples: 200 }
      : { value: 0.01, stableValue: 0.012, samples: 200 };
  };
  const good = simulate({ strategy, templates, read: reads(0.015) });
  assert.deepEqual(good.writes, ["setWeight 20", "promote"]);
  assert.equal(last(good.decisions).state.phase, "Completed");
  const baked = good.decisions.filter((d) => d.kind === "measure" && d.run === "bake");
  assert.ok(baked.length > 0);
  const fallbacks = baked.flatMap((d) =>
    d.kind === "measure"
      ? d.metrics.filter((m) => m.metric.name === "error-rate").map((m) => m.stableFallback)
      : []
  );
  assert.deepEqual(fallbacks, [0.012, 0.012, 0.012, 0.012]);

  const bad = simulate({ strategy, templates, read: reads(0.2) });
  assert.deepEqual(bad.writes, ["setWeight 20", "promote", "rollback"]);
  const rollback = bad.decisions.find((d) => d.kind === "rollback");
  assert.deepEqual(
    rollback?.kind === "rollback" &&
      rollback.failing.map((f) => [f.last?.value, f.last?.stableValue]),
    [[0.2, 0.012], [0.2, 0.012]],
  );
});

Deno.test("decide() rolls back on a failing background analysis between steps", () => {
  const strategy = strategyFromSpec({
    strategy: {
      canary: {
        steps: [{ setWeight: 10 }, { pause: { duration: "10m" } }, { setWeight: 50 }],
        analysis: { templates: ["lambda-error-rate"], startingStep: 1 },
      },
    },
  });
  const world = simulate({ strategy, templates, read: brokenFrom(T0 + 30 * SECOND) });
  assert.deepEqual(world.writes, ["setWeight 10", "rollback"]);
  assert.equal(
    world.decisions.find((d) => d.kind === "rollback")?.state.failure?.reason,
    "background",
  );
  assert.ok(world.now < T0 + 10 * MINUTE, "background analysis fails before the pause ends");
});

Deno.test("decide() deploys all at once when there is nothing to compare with", () => {
  const strategy = strategyFromSpec({ strategy: { preset: "AllAtOnce" } });
  const first = simulate({ strategy: feedback, templates, read: healthy, stableRevision: null });
  assert.deepEqual(first.writes, ["promote"]);
  const allAtOnce = simulate({ strategy, templates, read: healthy });
  assert.deepEqual(allAtOnce.writes, ["promote"]);
});

Deno.test("decide() starts a new revision at step 0 and cleans up when git returns to stable", () => {
  const midway = simulate({
    strategy: feedback,
    templates,
    read: healthy,
    commands: [{ kind: "pause", at: T0 + 30 * SECOND }],
  });
  assert.deepEqual(midway.writes, ["setWeight 10"]);
  const reverted = decide({
    revision: OLD,
    stableRevision: OLD,
    strategy: feedback,
    templates,
    state: midway.decisions.at(-1)!.state,
    now: midway.now,
  });
  assert.equal(reverted.kind, "promote");
  assert.equal(reverted.state.revision, OLD);
  assert.equal(reverted.state.phase, "Completed");
});

Deno.test("plannedWeights() lists the distinct weights a strategy writes", async () => {
  assert.deepEqual(plannedWeights(feedback.steps), [10, 50]);
  const linear = strategyFromSpec({ strategy: { preset: "Linear10PercentEvery1Minute" } });
  assert.deepEqual(plannedWeights(linear.steps), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  assert.deepEqual(plannedWeights((await repoStrategy("dev/model")).steps), [10]);
});

Deno.test("decide() moves on from a passed analysis however late the controller returns", () => {
  const strategy = { ...feedback, progressDeadlineMs: 2 * MINUTE };
  const world = simulate({ strategy, templates, read: healthy }, {}, 2_000);
  assert.deepEqual(world.writes, ["setWeight 10", "setWeight 50", "promote"]);
  // Stop right after the first analysis passed, and come back an hour later.
  const passed = world.decisions.findIndex((d) => d.kind === "setWeight" && d.weight === 50);
  const lastMeasure = world.decisions[passed - 1]!;
  assert.ok(lastMeasure.kind === "measure");
  const persisted = recordRolloutMeasurements(
    lastMeasure,
    lastMeasure.metrics.map(({ metric }) =>
      judge(metric, { reading: healthy(metric.key) }, { at: world.now })
    ),
  );
  const late = { revision: NEW, stableRevision: OLD, strategy, templates, state: persisted };
  assert.equal(decide({ ...late, now: T0 + 60 * MINUTE }).kind, "setWeight");
  // Whereas an analysis still waiting for measurements is stuck: the deadline rolls back.
  const stuck = { ...late, state: lastMeasure.state };
  assert.equal(decide({ ...stuck, now: T0 + 60 * MINUTE }).kind, "rollback");
});
