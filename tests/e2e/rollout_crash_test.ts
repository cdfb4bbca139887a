/**
 * Crash safety of a progressive rollout: the real controller CLI is killed with SIGKILL at
 * random moments across a whole canary (at least 20 kills) and run again, one-shot, as CI
 * would. All progress lives on AWS, so the rollout never restarts at step 0, never skips an
 * analysis and never writes a weight twice: the weights the alias shows are exactly the
 * planned ones, in order, and it ends promoted.
 */
import assert from "node:assert/strict";
import { cliCommand, explain, runCli } from "./cli.ts";
import { feedbackStatus, FN, PLANNED, rolloutWorld, watchWeights } from "./rollout_support.ts";

/** mulberry32: a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("a canary survives 20+ SIGKILLs of the controller: planned weights in order, promoted once", async () => {
  const world = await rolloutWorld();
  const random = prng(Number(Deno.env.get("ROLLOUT_CRASH_SEED") ?? 5));
  try {
    await world.release(await world.artifact("v1", "good"));
    const first = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    assert.equal(first.code, 2, explain(first));
    const stable = (await world.routing()).primary;
    const canary = String(Number(stable) + 1);
    await world.release(await world.artifact("v2", "good"));
    const traffic = world.traffic();
    const weights = watchWeights(world, canary);
    const args = ["reconcile", "--env", "dev", "--release", "feedback"];
    let kills = 0;
    const durations: number[] = [];
    let killsDuringCanary = 0;
    let finished = false;
    for (let pass = 0; pass < 200 && (!finished || kills < 20); pass++) {
      if (kills < 20) {
        // Somewhere inside a pass: starting up, observing, measuring or writing.
        const child = cliCommand(world.repo.root, args, { endpoint: world.aws.endpoint }).spawn();
        const timer = setTimeout(() => {
          try {
            child.kill("SIGKILL");
            kills++;
          } catch { /* it had finished */ }
        }, 20 + random() * 230);
        const started = Date.now();
        const out = await child.output();
        clearTimeout(timer);
        durations.push(Date.now() - started);
        finished ||= out.code === 0;
        if (!finished) killsDuringCanary = kills;
      } else {
        const r = await runCli(world.repo.root, args, { endpoint: world.aws.endpoint });
        assert.ok(r.code === 0 || r.code === 2, explain(r));
        finished = r.code === 0;
        if (!finished) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await traffic.stop();
    const seen = await weights.stop();
    assert.ok(finished, `not promoted after ${kills} kills; weights ${seen}`);
    assert.ok(kills >= 20, `${kills} kills; pass durations ${durations}`);
    // Most kills land while the canary is in flight (a few may hit the promoted release).
    assert.ok(killsDuringCanary >= 10, `${killsDuringCanary} kills during the canary`);
    assert.deepEqual(seen.filter((w) => w > 0), PLANNED, `weights seen ${seen}`);
    assert.deepEqual(await world.routing(), { primary: canary, extra: null });
    // One version per revision: no kill made the controller publish again.
    const versions = await world.view.lambda.listVersions(FN);
    assert.deepEqual(versions.map((v) => v.version), [stable, canary]);
    const status = await feedbackStatus(world);
    assert.equal(status.health, "Healthy");
    assert.equal(status.rollout.phase, "Completed");
  } finally {
    await world.close();
  }
});
