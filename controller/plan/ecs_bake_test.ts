/**
 * ECS bakes, planned: our analysis of the deployment ECS is baking decides between waiting,
 * holding for a human, and StopServiceDeployment(ROLLBACK) with quarantine tags.
 */
import assert from "node:assert/strict";
import { judge } from "../analysis/measurement.ts";
import { recordMeasurements, startRun } from "../analysis/run.ts";
import { templateFromYaml } from "../analysis/testing.ts";
import type { EcsAction } from "./actions.ts";
import { TAG_ANALYSIS, TAG_FAILURE } from "./ecs_analysis.ts";
import { planEcs } from "./ecs_plan.ts";
import { TAG_COMMAND, TAG_ROLLOUT } from "./tags.ts";
import { desiredEcs, liveService, MINUTE, NOW, TD_ARN } from "./testing.ts";
import { encodeCommand } from "../rollout/command_tag.ts";

const TEMPLATE = templateFromYaml(`apiVersion: deploy.mlnews.dev/v1alpha1
kind: AnalysisTemplate
metadata: { name: quality }
spec:
  metrics:
    - name: accuracy-drop
      provider: { web: { url: "http://127.0.0.1:1/v", jsonPath: $.accuracyDrop } }
      interval: 1m
      count: 2
      successCondition: result <= 0.01
      failureCondition: result > 0.03
`);
const DESIRED = desiredEcs({
  specDigest: "ec5500000001",
  analysis: { templates: ["quality"] },
  templates: new Map([["quality", TEMPLATE]]),
});
const BAKING = (tags: Record<string, string> = {}) =>
  liveService(2, {
    extraTags: tags,
    deployments: [
      {
        id: "ecs-svc/2",
        status: "PRIMARY",
        taskDefinitionArn: TD_ARN(2),
        rolloutState: "IN_PROGRESS",
        rolloutStateReason: "",
        desiredCount: 2,
        runningCount: 2,
        updatedAt: NOW,
      },
      {
        id: "ecs-svc/1",
        status: "ACTIVE",
        taskDefinitionArn: TD_ARN(1),
        rolloutState: "COMPLETED",
        rolloutStateReason: "",
        desiredCount: 2,
        runningCount: 2,
        updatedAt: NOW,
      },
    ],
  });
const LATEST = { arn: "arn:aws:ecs:sd/2", status: "IN_PROGRESS", statusReason: "", createdAt: NOW };

function run(value: number | null) {
  const metric = TEMPLATE.metrics[0]!;
  const start = startRun(NOW.getTime() - MINUTE);
  if (value === null) return start;
  return recordMeasurements(start, [
    judge(metric, { reading: { value, samples: 1 } }, { at: NOW.getTime() }),
  ]);
}

function kinds(actions: readonly EcsAction[]) {
  return actions.map((a) => a.kind);
}

Deno.test("planEcs() rolls a baking deployment back via StopServiceDeployment when analysis fails", () => {
  const plan = planEcs(DESIRED, {
    clusterExists: null,
    service: BAKING(),
    liveTaskDefinition: null,
    latestInFamily: null,
    latestDeployment: LATEST,
    bakeRun: run(0.2),
  }, NOW);
  assert.deepEqual(kinds(plan.actions), ["rollbackDeployment", "tagService"]);
  const stop = plan.actions[0]!;
  assert.ok(stop.kind === "rollbackDeployment" && stop.serviceDeploymentArn === LATEST.arn);
  const tag = plan.actions[1]!;
  assert.ok(tag.kind === "tagService");
  assert.equal(tag.tags[TAG_ROLLOUT], "failed");
  assert.match(tag.tags[TAG_FAILURE]!, /^analysis\.[0-9a-z]+\.quality\/accuracy-drop$/);
  assert.equal(plan.status.health, "Degraded");
});

Deno.test("planEcs() records a passing measurement and lets ECS keep baking", () => {
  const plan = planEcs(DESIRED, {
    clusterExists: null,
    service: BAKING(),
    liveTaskDefinition: null,
    latestInFamily: null,
    latestDeployment: LATEST,
    bakeRun: run(0.001),
  }, NOW);
  assert.deepEqual(kinds(plan.actions), ["tagService"]);
  const tag = plan.actions[0]!;
  assert.ok(tag.kind === "tagService" && tag.tags[TAG_ANALYSIS]!.startsWith("ecs-svc/2@"));
  assert.equal(plan.status.health, "Progressing");
  assert.equal(plan.status.reason, "AnalysisRunning");
  const view = plan.status.rollout;
  assert.equal(view?.canaryRevision, DESIRED.image);
  assert.equal(view?.analysis[0]?.metrics[0]?.last?.value, 0.001);
  assert.equal(view?.analysis[0]?.phase, "Running");
});

Deno.test("planEcs() obeys `rollout abort` during a bake, once", () => {
  const at = NOW.getTime() - 1000;
  const plan = planEcs(DESIRED, {
    clusterExists: null,
    service: BAKING({ [TAG_COMMAND]: encodeCommand({ kind: "abort", at }) }),
    liveTaskDefinition: null,
    latestInFamily: null,
    latestDeployment: LATEST,
    bakeRun: run(null),
  }, NOW);
  assert.deepEqual(kinds(plan.actions), ["rollbackDeployment", "tagService"]);
  assert.equal(plan.status.reason, "RolloutAborted");
  const applied = planEcs(DESIRED, {
    clusterExists: null,
    service: BAKING({
      [TAG_COMMAND]: encodeCommand({ kind: "abort", at }),
      "mlnews.dev/command-applied": String(at),
    }),
    liveTaskDefinition: null,
    latestInFamily: null,
    latestDeployment: LATEST,
    bakeRun: run(null),
  }, NOW);
  assert.ok(!kinds(applied.actions).includes("rollbackDeployment"));
});

Deno.test("planEcs() `rollout retry` redeploys a quarantined task definition", () => {
  const service = liveService(1, {
    recorded: 2,
    extraTags: {
      [TAG_ROLLOUT]: "failed",
      [TAG_COMMAND]: encodeCommand({ kind: "retry", at: NOW.getTime() }),
    },
  });
  const plan = planEcs(DESIRED, {
    clusterExists: null,
    service,
    liveTaskDefinition: null,
    latestInFamily: null,
  }, NOW);
  assert.deepEqual(kinds(plan.actions), ["updateService", "tagService"]);
  const update = plan.actions[0]!;
  assert.ok(update.kind === "updateService");
  assert.deepEqual(update.taskDefinition, { arn: TD_ARN(2) });
});
