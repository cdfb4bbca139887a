/**
 * Lambda canaries end to end: the real CLI (one-shot passes, as CI runs it) against local AWS
 * running the handlers, with user traffic through the alias.
 */
import assert from "node:assert/strict";
import { explain } from "./cli.ts";
import {
  feedbackStatus,
  FN,
  passes,
  PLANNED,
  type RolloutWorld,
  rolloutWorld,
  watchWeights,
} from "./rollout_support.ts";

/** Deploys a first good revision (all at once: nothing to compare with yet); returns its version. */
async function deployed(world: RolloutWorld): Promise<string> {
  await world.release(await world.artifact("v1", "good"));
  const first = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
  assert.equal(first.code, 2, explain(first));
  const routing = await world.routing();
  assert.equal(routing.extra, null);
  return routing.primary;
}

Deno.test("a good revision is promoted through every step: weights 20, 60, then 100", async () => {
  const world = await rolloutWorld();
  try {
    const stable = await deployed(world);
    await world.release(await world.artifact("v2", "good"));
    const traffic = world.traffic();
    const weights = watchWeights(world, String(Number(stable) + 1));
    const results = await passes(world, (r) => r.code === 0);
    const calls = await traffic.stop();
    const seen = await weights.stop();
    const last = results.at(-1)!;
    assert.equal(last.code, 0, results.map(explain).join("\n"));
    assert.deepEqual(seen.filter((w) => w > 0), PLANNED, `weights seen ${seen}`);
    assert.ok(calls > 50, `${calls} user calls`);
    // Progress was reported with exit code 2 on the way, never 3 or 4.
    assert.ok(results.slice(0, -1).every((r) => r.code === 2), results.map((r) => r.code).join());
    const status = await feedbackStatus(world);
    assert.equal(status.health, "Healthy");
    assert.equal(status.rollout.phase, "Completed");
  } finally {
    await world.close();
  }
});

Deno.test("a broken revision is rolled back in one write, quarantined across passes, and `rollout retry` starts it again", async () => {
  const world = await rolloutWorld();
  try {
    const stable = await deployed(world);
    const broken = await world.artifact("v2", "broken");
    await world.release(broken);
    const traffic = world.traffic();
    const canary = String(Number(stable) + 1);
    const weights = watchWeights(world, canary);
    const results = await passes(world, (r) => r.code === 3);
    const seen = await weights.stop();
    assert.equal(results.at(-1)!.code, 3, results.map(explain).join("\n"));
    // Straight back from 20 % to 0: one write, no walk back through weights.
    assert.deepEqual(seen, [0, 20, 0]);
    assert.deepEqual(await world.routing(), { primary: stable, extra: null });
    assert.match(results.at(-1)!.stdout, /\(rollback\)/);

    // Quarantined: the next pass (a restarted controller) writes nothing and still says why.
    const again = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    assert.equal(again.code, 3, explain(again));
    assert.doesNotMatch(again.stdout, /^ {2}[+~] /m);
    const status = await feedbackStatus(world);
    assert.equal(status.health, "Degraded");
    assert.equal(status.reason, "RolledBack");
    assert.equal(status.rollout.phase, "RolledBack");
    assert.equal(status.rollout.failure.reason, "analysis");
    assert.equal(status.rollout.failure.metric, "fast-errors/error-rate");
    assert.equal(status.rollout.quarantine.revision, `sha256:${broken}`);
    assert.match(status.rollout.quarantine.lift, /deno task rollout retry feedback --env dev/);
    const metric = status.rollout.analysis[0].metrics[0];
    assert.equal(metric.phase, "Failed");
    assert.ok(metric.last.value > 0.9 && metric.last.stableValue < 0.05, JSON.stringify(metric));

    // `retry` lifts the quarantine: the rollout starts again from its first step.
    const retry = await world.cli(["rollout", "retry", "feedback", "--env", "dev"]);
    assert.equal(retry.code, 2, explain(retry));
    assert.deepEqual(await world.routing(), {
      primary: stable,
      extra: { version: canary, weight: 20 },
    });
    await traffic.stop();
  } finally {
    await world.close();
  }
});

Deno.test("no traffic is Inconclusive: the rollout pauses for a human, then `promote --full` finishes it", async () => {
  const world = await rolloutWorld();
  try {
    const stable = await deployed(world);
    await world.release(await world.artifact("v2", "good"));
    const results = await passes(world, (r) => r.code !== 2);
    assert.equal(results.at(-1)!.code, 4, results.map(explain).join("\n"));
    const status = await feedbackStatus(world);
    assert.equal(status.health, "Paused");
    assert.equal(status.reason, "AnalysisInconclusive");
    assert.match(status.message, /Inconclusive/);
    assert.equal(status.rollout.hold.kind, "inconclusive");
    assert.equal(status.rollout.setWeight, 20);
    assert.equal(status.rollout.actualWeight, 20);
    assert.equal(status.rollout.step, "3/5");
    // Held: more passes change nothing.
    const held = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    assert.equal(held.code, 4, explain(held));

    const promote = await world.cli(["rollout", "promote", "feedback", "--env", "dev", "--full"]);
    assert.equal(promote.code, 2, explain(promote));
    const canary = String(Number(stable) + 1);
    assert.deepEqual(await world.routing(), { primary: canary, extra: null });
    const after = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    assert.equal(after.code, 0, explain(after));
  } finally {
    await world.close();
  }
});

Deno.test("`rollout abort` mid-canary sends all traffic back to stable and holds until git changes", async () => {
  const world = await rolloutWorld();
  try {
    const stable = await deployed(world);
    await world.release(await world.artifact("v2", "good"));
    const first = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    assert.equal(first.code, 2, explain(first));
    assert.equal((await world.routing()).extra?.weight, 20);

    const abort = await world.cli(["rollout", "abort", "feedback", "--env", "dev"]);
    assert.equal(abort.code, 3, explain(abort));
    assert.deepEqual(await world.routing(), { primary: stable, extra: null });
    const status = await feedbackStatus(world);
    assert.equal(status.reason, "RolloutAborted");
    assert.equal(status.rollout.failure.reason, "abort");

    // A newer revision in git is a new rollout: the abort does not hold it.
    await world.release(await world.artifact("v3", "good"));
    const next = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    assert.equal(next.code, 2, explain(next));
    assert.equal((await world.routing()).extra?.weight, 20);
    assert.ok(await world.view.lambda.getFunction(FN));
  } finally {
    await world.close();
  }
});
