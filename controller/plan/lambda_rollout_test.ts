/**
 * The planner with the step machine wired in: what the alias write carries (routing and
 * state), rollback to stable in one write, quarantine across passes, manual commands from the
 * function's tag, and the status a rollout reports.
 */
import assert from "node:assert/strict";
import { decodeAliasState } from "./alias_state.ts";
import type { LambdaAction } from "./actions.ts";
import { planLambda } from "./lambda_plan.ts";
import { outcomeOf } from "./status.ts";
import { TAG_COMMAND } from "./tags.ts";
import {
  alias,
  desiredLambda,
  liveFunction,
  MINUTE,
  NOW,
  progressive,
  REV_A,
  REV_B,
} from "./testing.ts";
import { encodeCommand } from "../rollout/command_tag.ts";
import { recordRolloutMeasurements } from "../rollout/record.ts";
import type { RolloutState } from "../rollout/state.ts";
import { judge } from "../analysis/measurement.ts";
import { templateFromYaml } from "../analysis/testing.ts";

const TEMPLATE = templateFromYaml(`apiVersion: deploy.mlnews.dev/v1alpha1
kind: AnalysisTemplate
metadata: { name: errors }
spec:
  metrics:
    - name: error-rate
      provider: { localAws: { metric: errorRate } }
      interval: 1m
      count: 2
      minSamples: 10
      successCondition: result <= stable + 0.01
      failureCondition: result > stable + 0.05
`);
const TEMPLATES = new Map([["errors", TEMPLATE]]);
const STEPS = [
  { kind: "setWeight" as const, weight: 10 },
  { kind: "analysis" as const, templates: ["errors"] },
  { kind: "setWeight" as const, weight: 50 },
];
const DESIRED = desiredLambda({ traffic: progressive(STEPS), templates: TEMPLATES });
/** Revision B at 10 % on version 2, its analysis step running; stable is version 1 (A). */
const AT_ANALYSIS = alias({
  revision: REV_B,
  targetVersion: "2",
  stableVersion: "1",
  stableRevision: REV_A,
  weight: 10,
  step: 1,
  stepStartedAt: NOW.getTime() - MINUTE,
});
const STATE: RolloutState = {
  revision: REV_B,
  phase: "Progressing",
  step: 1,
  stepStartedAt: NOW.getTime() - MINUTE,
  weight: 10,
  lastCommandAt: 0,
};

function measured(value: number, samples = 200): RolloutState {
  const metric = TEMPLATE.metrics[0]!;
  const m = judge(metric, { reading: { value, stableValue: 0.01, samples } }, {
    at: NOW.getTime(),
  });
  return recordRolloutMeasurements({ state: STATE, run: "step" }, [m]);
}

function aliasWrite(actions: readonly LambdaAction[]) {
  const a = actions.find((x) => x.kind === "updateAlias");
  assert.ok(a?.kind === "updateAlias", JSON.stringify(actions));
  return a;
}

Deno.test("planLambda() rolls back to stable in one alias write when the canary error rate fails", () => {
  const plan = planLambda(DESIRED, {
    fn: liveFunction(REV_B),
    alias: AT_ANALYSIS,
    versions: null,
    measured: measured(0.3),
  }, NOW);
  const write = aliasWrite(plan.actions);
  assert.equal(write.reason, "rollback");
  assert.equal(write.state.weight, 0);
  assert.equal(write.state.rollout.ph, "R");
  assert.deepEqual(write.stable, { version: "1", revision: REV_A.slice(0, 12) });
  assert.equal(plan.actions.filter((a) => a.kind === "updateAlias").length, 1);
  assert.equal(plan.status.health, "Degraded");
  assert.equal(plan.status.reason, "RolledBack");
  assert.match(plan.status.message, /errors\/error-rate/);
  assert.equal(outcomeOf(plan.status, plan.actions.length), "degraded");
});

Deno.test("planLambda() keeps a rolled-back revision quarantined: no writes, Degraded, how to lift it", () => {
  const rolledBack = alias({
    revision: REV_B,
    targetVersion: "2",
    stableVersion: "1",
    stableRevision: REV_A,
    weight: 0,
    step: 1,
    phase: "RolledBack",
  });
  const plan = planLambda(
    DESIRED,
    { fn: liveFunction(REV_B), alias: rolledBack, versions: null },
    NOW,
  );
  assert.deepEqual(plan.actions, []);
  assert.equal(plan.status.health, "Degraded");
  assert.match(plan.status.message, /rollout retry/);
  assert.equal(plan.status.rollout?.quarantine?.revision, `sha256:${REV_B}`);
});

Deno.test("planLambda() moves on after a passed analysis: the next setWeight in one write", () => {
  const passedOnce = measured(0.005);
  const metric = TEMPLATE.metrics[0]!;
  const second = judge(metric, { reading: { value: 0.004, stableValue: 0.01, samples: 200 } }, {
    at: NOW.getTime(),
  });
  const passed = recordRolloutMeasurements({ state: passedOnce, run: "step" }, [second]);
  const plan = planLambda(DESIRED, {
    fn: liveFunction(REV_B),
    alias: AT_ANALYSIS,
    versions: null,
    measured: passed,
  }, NOW);
  const write = aliasWrite(plan.actions);
  assert.equal(write.reason, "rollout");
  assert.equal(write.state.weight, 50);
  assert.equal(plan.status.health, "Progressing");
});

Deno.test("planLambda() pauses for a human when the analysis has too few samples (Inconclusive)", () => {
  const plan = planLambda(DESIRED, {
    fn: liveFunction(REV_B),
    alias: AT_ANALYSIS,
    versions: null,
    measured: measured(0, 0),
  }, NOW);
  assert.equal(plan.status.health, "Paused");
  assert.equal(plan.status.reason, "AnalysisInconclusive");
  assert.equal(outcomeOf(plan.status, 0), "waiting");
  // Only the hold is recorded: routing stays where it is.
  const write = aliasWrite(plan.actions);
  assert.equal(write.reason, "state");
  assert.equal(write.state.weight, 10);
});

Deno.test("planLambda() applies `rollout abort` from the function's tag once, with one write", () => {
  const command = encodeCommand({ kind: "abort", at: NOW.getTime() - 1000 });
  const fn = liveFunction(REV_B, {
    tags: { ...liveFunction(REV_B).tags, [TAG_COMMAND]: command },
  });
  const plan = planLambda(DESIRED, { fn, alias: AT_ANALYSIS, versions: null }, NOW);
  const write = aliasWrite(plan.actions);
  assert.equal(write.reason, "rollback");
  assert.equal(write.state.rollout.ph, "A");
  assert.equal(write.state.rollout.c, (NOW.getTime() - 1000).toString(36));
  assert.equal(plan.status.reason, "RolloutAborted");
});

Deno.test("planLambda() keeps analysis runs in step-keyed function tags, not the alias description", () => {
  const plan = planLambda(DESIRED, {
    fn: liveFunction(REV_B),
    alias: AT_ANALYSIS,
    versions: null,
    measured: measured(0.005),
  }, NOW);
  const tag = plan.actions.find((a) => a.kind === "tagFunction");
  assert.ok(tag?.kind === "tagFunction");
  const value = tag.tags["mlnews.dev/analysis"]!;
  assert.match(value, new RegExp(`^${REV_B.slice(0, 12)}\\.1\\.[0-9a-z]+@`));
  assert.equal(plan.actions.filter((a) => a.kind === "updateAlias").length, 0);
  assert.equal(plan.status.rollout?.analysis[0]?.metrics[0]?.last?.value, 0.005);
  assert.equal(decodeAliasState(AT_ANALYSIS.description)?.rollout.a, undefined);
});
