import assert from "node:assert/strict";
import type { LambdaAction } from "./actions.ts";
import { type ObservedLambda, planLambda } from "./lambda_plan.ts";
import type { DesiredLambda } from "./desired.ts";
import { outcomeOf } from "./status.ts";
import {
  alias,
  CONFIG,
  desiredLambda,
  liveFunction,
  MINUTE,
  NOW,
  progressive,
  REV_A,
  REV_B,
  version,
} from "./testing.ts";

const STEPS = [
  { kind: "setWeight" as const, weight: 10 },
  { kind: "pause" as const, durationMs: 5 * MINUTE },
  { kind: "setWeight" as const, weight: 50 },
  { kind: "pause" as const, durationMs: 5 * MINUTE },
];
const CANARY = progressive(STEPS);

/** The step index an alias write records (rollout field `st`). */
function stepOf(a: { state: { rollout: Readonly<Record<string, string>> } }): number {
  return Number(a.state.rollout.st);
}

/** When the current step started, as the alias write records it (rollout field `t`). */
function startedOf(a: { state: { rollout: Readonly<Record<string, string>> } }): number {
  return parseInt(a.state.rollout.t ?? "", 36);
}

/** The alias records revision B, fully promoted on version 2 (stable was version 1, A). */
const B_LIVE = {
  revision: REV_B,
  targetVersion: "2",
  stableVersion: "1",
  stableRevision: REV_A,
  weight: 100,
  step: 0,
};

interface Case {
  readonly name: string;
  readonly desired?: Partial<DesiredLambda>;
  readonly observed: ObservedLambda;
  readonly kinds: readonly LambdaAction["kind"][];
  readonly sync: string;
  readonly health: string;
  readonly outcome?: string;
  readonly check?: (actions: readonly LambdaAction[]) => void;
}

function aliasAction(actions: readonly LambdaAction[]) {
  const a = actions.find((x) => x.kind === "updateAlias" || x.kind === "createAlias");
  assert.ok(a && (a.kind === "updateAlias" || a.kind === "createAlias"), "an alias write");
  return a;
}

const cases: Case[] = [
  {
    name: "a fresh environment creates the function, publishes a version and creates the alias",
    observed: { fn: null, alias: null, versions: null },
    kinds: ["createFunction", "publishVersion", "createAlias"],
    sync: "OutOfSync",
    health: "Missing",
    check(actions) {
      const a = aliasAction(actions);
      assert.deepEqual(a.target, { publishedFor: REV_B });
      assert.equal(a.stable, null);
      assert.equal(a.state.weight, 100);
    },
  },
  {
    name:
      "a fresh environment with a canary strategy still goes straight to 100% (nothing to shift from)",
    desired: { traffic: CANARY },
    observed: { fn: null, alias: null, versions: null },
    kinds: ["createFunction", "publishVersion", "createAlias"],
    sync: "OutOfSync",
    health: "Missing",
    check(actions) {
      const a = aliasAction(actions);
      assert.equal(a.state.weight, 100);
      assert.equal(stepOf(a), STEPS.length);
    },
  },
  {
    name: "no change when the alias records this revision and routes as recorded",
    observed: { fn: liveFunction(REV_B), alias: alias(B_LIVE), versions: null },
    kinds: [],
    sync: "Synced",
    health: "Healthy",
    outcome: "in-sync",
  },
  {
    name:
      "a new revision updates the code, publishes with its digest and moves the alias in one write",
    observed: {
      fn: liveFunction(REV_A),
      alias: alias({ revision: REV_A }),
      versions: [version("1", REV_A)],
    },
    kinds: ["updateFunctionCode", "publishVersion", "updateAlias", "tagFunction"],
    sync: "OutOfSync",
    health: "Healthy",
    outcome: "changed",
    check(actions) {
      const a = aliasAction(actions);
      assert.equal(a.revisionId, "alias-rev-7");
      assert.deepEqual(a.target, { publishedFor: REV_B });
      assert.equal(a.state.weight, 100);
      const p = actions.find((x) => x.kind === "publishVersion");
      assert.ok(p?.kind === "publishVersion" && p.revision === REV_B);
    },
  },
  {
    name:
      "a new revision with a canary strategy starts at the first setWeight, stable keeps the rest",
    desired: { traffic: CANARY },
    observed: {
      fn: liveFunction(REV_A),
      alias: alias({ revision: REV_A }),
      versions: [version("1", REV_A)],
    },
    kinds: ["updateFunctionCode", "publishVersion", "updateAlias", "tagFunction"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      const a = aliasAction(actions);
      assert.deepEqual(a.stable, { version: "1", revision: REV_A });
      assert.equal(a.state.weight, 10);
      assert.equal(stepOf(a), 1);
      assert.equal(startedOf(a), NOW.getTime());
    },
  },
  {
    name: "going back to a revision that already has a version reuses it without publishing",
    desired: { revision: REV_A },
    observed: {
      fn: liveFunction(REV_B),
      alias: alias(B_LIVE),
      versions: [version("1", REV_A), version("2", REV_B)],
    },
    kinds: ["updateAlias", "tagFunction"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      assert.deepEqual(aliasAction(actions).target, { version: "1", revision: REV_A });
    },
  },
  {
    name: "a configuration change publishes a new version of the same code",
    desired: { config: { ...CONFIG, memorySize: 512 }, specDigest: "5pec00000002" },
    observed: { fn: liveFunction(REV_B), alias: alias(B_LIVE), versions: [version("2", REV_B)] },
    kinds: ["updateFunctionConfiguration", "publishVersion", "updateAlias"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      const u = actions[0];
      assert.ok(u?.kind === "updateFunctionConfiguration");
      assert.deepEqual(u.changed, ["memorySize"]);
    },
  },
  {
    name: "a hand-made alias change is healed back to the recorded routing (driftPolicy heal)",
    observed: {
      fn: liveFunction(REV_B),
      alias: alias(B_LIVE, { primary: "1", extra: null }),
      versions: null,
    },
    kinds: ["updateAlias"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      const a = aliasAction(actions);
      assert.equal(a.reason, "heal");
      assert.deepEqual(a.target, { version: "2", revision: REV_B });
      assert.equal(a.state.weight, 100);
    },
  },
  {
    name: "a hand-made alias change is only reported under driftPolicy warn (waiting for a human)",
    desired: { driftPolicy: "warn" },
    observed: {
      fn: liveFunction(REV_B),
      alias: alias(B_LIVE, { primary: "1", extra: null }),
      versions: null,
    },
    kinds: [],
    sync: "OutOfSync",
    health: "Healthy",
    outcome: "waiting",
  },
  {
    name: "the controller's own canary at 10% is not drift while the pause runs",
    desired: { traffic: CANARY },
    observed: {
      fn: liveFunction(REV_B),
      alias: alias({ ...B_LIVE, weight: 10, step: 1, stepStartedAt: NOW.getTime() - MINUTE }),
      versions: null,
    },
    kinds: [],
    sync: "Synced",
    health: "Progressing",
    outcome: "progressing",
  },
  {
    name: "an elapsed timed pause moves to the next setWeight in one write",
    desired: { traffic: CANARY },
    observed: {
      fn: liveFunction(REV_B),
      alias: alias({ ...B_LIVE, weight: 10, step: 1, stepStartedAt: NOW.getTime() - 6 * MINUTE }),
      versions: null,
    },
    kinds: ["updateAlias"],
    sync: "Synced",
    health: "Progressing",
    check(actions) {
      const a = aliasAction(actions);
      assert.equal(a.state.weight, 50);
      assert.equal(stepOf(a), 3);
      assert.deepEqual(a.stable, { version: "1", revision: REV_A.slice(0, 12) });
    },
  },
  {
    name: "the last elapsed pause promotes: the new version takes all traffic",
    desired: { traffic: CANARY },
    observed: {
      fn: liveFunction(REV_B),
      alias: alias({ ...B_LIVE, weight: 50, step: 3, stepStartedAt: NOW.getTime() - 6 * MINUTE }),
      versions: null,
    },
    kinds: ["updateAlias"],
    sync: "Synced",
    health: "Progressing",
    check(actions) {
      const a = aliasAction(actions);
      assert.equal(a.state.weight, 100);
      assert.equal(stepOf(a), 4);
    },
  },
  {
    name: "an untimed pause waits for a human",
    desired: {
      traffic: progressive([{ kind: "setWeight", weight: 20 }, {
        kind: "pause",
        durationMs: null,
      }]),
    },
    observed: {
      fn: liveFunction(REV_B),
      alias: alias({ ...B_LIVE, weight: 20, step: 1 }),
      versions: null,
    },
    kinds: [],
    sync: "Synced",
    health: "Paused",
    outcome: "waiting",
  },
  {
    name: "an existing function without the alias gets it, reusing the matching version",
    observed: {
      fn: liveFunction(REV_B),
      alias: null,
      versions: [version("1", REV_A), version("3", REV_B)],
    },
    kinds: ["createAlias"],
    sync: "OutOfSync",
    health: "Missing",
    check(actions) {
      assert.deepEqual(aliasAction(actions).target, { version: "3", revision: REV_B });
    },
  },
  {
    name: "a version with other configuration is not reused for the same code",
    observed: {
      fn: liveFunction(REV_B),
      alias: null,
      versions: [version("3", REV_B, { ...CONFIG, timeout: 3 })],
    },
    kinds: ["publishVersion", "createAlias"],
    sync: "OutOfSync",
    health: "Missing",
  },
  {
    name: "explicit weights route the named split in one write",
    desired: {
      traffic: {
        kind: "explicit",
        split: [{ revision: REV_A, weight: 90 }, { revision: REV_B, weight: 10 }],
      },
    },
    observed: {
      fn: liveFunction(REV_A),
      alias: alias({ revision: REV_A }),
      versions: [version("1", REV_A)],
    },
    kinds: ["updateFunctionCode", "publishVersion", "updateAlias", "tagFunction"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      const a = aliasAction(actions);
      assert.deepEqual(a.stable, { version: "1", revision: REV_A });
      assert.equal(a.state.weight, 10);
    },
  },
  {
    name: "a hand-made alias without our description is adopted, not treated as drift",
    observed: {
      fn: liveFunction(REV_B),
      alias: alias(null, { primary: "3", extra: null }),
      versions: [version("3", REV_B)],
    },
    kinds: ["updateAlias"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      const a = aliasAction(actions);
      assert.equal(a.reason, "adopt");
      assert.deepEqual(a.target, { version: "3", revision: REV_B });
    },
  },
];

for (const c of cases) {
  Deno.test(`planLambda(): ${c.name}`, () => {
    const plan = planLambda(desiredLambda(c.desired), c.observed, NOW);
    assert.deepEqual(plan.actions.map((a) => a.kind), c.kinds);
    assert.equal(plan.status.sync, c.sync);
    assert.equal(plan.status.health, c.health);
    if (c.outcome) assert.equal(outcomeOf(plan.status, plan.actions.length), c.outcome);
    c.check?.(plan.actions);
  });
}

Deno.test("planLambda() is pure: the same inputs give the same plan", () => {
  const observed = {
    fn: liveFunction(REV_A),
    alias: alias({ revision: REV_A }),
    versions: [version("1", REV_A)],
  };
  assert.deepEqual(
    planLambda(desiredLambda(), observed, NOW),
    planLambda(desiredLambda(), observed, NOW),
  );
});
