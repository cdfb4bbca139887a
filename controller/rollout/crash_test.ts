import assert from "node:assert/strict";
import type { Reading } from "../analysis/measurement.ts";
import { plannedWeights } from "./steps.ts";
import {
  healthy,
  MINUTE,
  repoStrategy,
  repoTemplates,
  type Scenario,
  simulate,
  T0,
  type World,
} from "./testing.ts";

const templates = await repoTemplates();
const feedback = await repoStrategy("dev/feedback");
const linear = await repoStrategy("dev/model"); // Canary10Percent5Minutes preset

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function crashy(
  seed: number,
  rate: number,
): Pick<Scenario, "crashAt" | "persistence"> & { kills: () => number } {
  const random = prng(seed);
  let kills = 0;
  return {
    persistence: random() < 0.5 ? "atomic" : "separate",
    crashAt: () => {
      if (random() >= rate) return "none";
      kills++;
      return random() < 0.5 ? "before-effect" : "before-persist";
    },
    kills: () => kills,
  };
}

/** Error-rate measurements recorded for the analysis step that ran at `weight`. */
function analysedAt(world: World, weight: number): number {
  return world.decisions.filter((d) =>
    d.kind === "measure" && d.run === "step" && d.state.weight === weight &&
    d.metrics.some((m) => m.metric.name === "error-rate")
  ).length;
}

Deno.test("decide() replays a full canary with random crashes and writes the planned weights exactly", () => {
  let totalKills = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const crashes = crashy(seed, 0.2);
    const strategy = seed % 3 === 0 ? linear : feedback;
    const world = simulate({ strategy, templates, read: healthy, ...crashes });
    const planned = [...plannedWeights(strategy.steps).map((w) => `setWeight ${w}`), "promote"];
    assert.deepEqual(world.writes, planned, `seed ${seed} (${crashes.persistence})`);
    assert.equal(world.decisions.at(-1)?.kind, "done", `seed ${seed}`);
    if (strategy === feedback) {
      // Never skips an analysis: each one saw at least its 4 measurements before moving on.
      assert.ok(analysedAt(world, 10) >= 4, `seed ${seed}: analysis at 10 %`);
      assert.ok(analysedAt(world, 50) >= 4, `seed ${seed}: analysis at 50 %`);
    }
    totalKills += crashes.kills();
  }
  assert.ok(totalKills >= 20, `${totalKills} crashes injected`);
});

Deno.test("decide() with random crashes rolls a bad revision back exactly once", () => {
  const broken = (key: string, now: number): Reading =>
    key.endsWith("error-rate") && now > T0 + 3 * MINUTE
      ? { value: 0.3, stableValue: 0.01, samples: 200 }
      : healthy(key);
  for (let seed = 100; seed < 140; seed++) {
    const crashes = crashy(seed, 0.25);
    const world = simulate({ strategy: feedback, templates, read: broken, ...crashes });
    assert.deepEqual(world.writes, ["setWeight 10", "setWeight 50", "rollback"], `seed ${seed}`);
    assert.equal(world.decisions.at(-1)?.kind, "quarantined", `seed ${seed}`);
  }
});
