import assert from "node:assert/strict";
import type { DeploymentConfig, RevisionRecord, ServiceDeploymentRecord } from "./model.ts";
import {
  batchSize,
  circuitBreakerThreshold,
  deploymentProgress,
  imageFails,
  trafficSchedule,
} from "./timeline.ts";

const rolling: DeploymentConfig = {
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  deploymentCircuitBreaker: { enable: true, rollback: true },
  strategy: "ROLLING",
  bakeTimeInMinutes: 0,
};
const revision = (id: string, failing = false): RevisionRecord => ({
  id,
  taskDefinitionArn: `td:${id}`,
  createdAt: 0,
  containers: [{ name: "app", image: `app:${id}` }],
  failing,
});
const deployment = (
  config: DeploymentConfig,
  extra: Partial<ServiceDeploymentRecord> = {},
): ServiceDeploymentRecord => ({
  id: "sd",
  ecsId: "ecs-svc/1",
  rollbackEcsId: "ecs-svc/2",
  createdAt: 0,
  sourceRevisionId: "old",
  sourceEcsId: "ecs-svc/0",
  targetRevisionId: "new",
  config,
  ...extra,
});
const at = (
  now: number,
  options: {
    config?: DeploymentConfig;
    failing?: boolean;
    desired?: number;
    extra?: Partial<ServiceDeploymentRecord>;
  } = {},
) =>
  deploymentProgress({
    deployment: deployment(options.config ?? rolling, options.extra),
    target: revision("new", options.failing),
    source: revision("old"),
    desiredCount: options.desired ?? 2,
    timing: { taskStartMs: 1000, minuteMs: 60_000 },
    now,
  });

Deno.test("imageFails() follows the documented convention: the tag contains 'fail'", () => {
  assert.equal(imageFails("ml-news-inference:2.0.0-fail"), true);
  assert.equal(imageFails("registry:5000/ml-news-inference:FAIL"), true);
  assert.equal(imageFails("failing-repo/ml-news-inference:1.0.0"), false);
  assert.equal(imageFails("ml-news-inference@sha256:abc"), false);
});

Deno.test("batchSize() and circuitBreakerThreshold() follow maximumPercent/minimumHealthyPercent and AWS's 50 %, 3..200", () => {
  assert.equal(batchSize(rolling, 2), 2);
  assert.equal(batchSize({ ...rolling, maximumPercent: 100, minimumHealthyPercent: 50 }, 4), 2);
  assert.equal(batchSize({ ...rolling, maximumPercent: 100, minimumHealthyPercent: 100 }, 4), 1);
  assert.deepEqual([1, 6, 10, 1000].map(circuitBreakerThreshold), [3, 3, 5, 200]);
});

Deno.test("deploymentProgress() moves a rolling deployment from SCALE_UP to SUCCESSFUL", () => {
  const table: [number, string, number, number, number][] = [
    [0, "IN_PROGRESS", 0, 2, 2],
    [999, "IN_PROGRESS", 0, 2, 2],
    [1000, "SUCCESSFUL", 2, 0, 0],
  ];
  for (const [now, status, running, pending, sourceRunning] of table) {
    const p = at(now);
    assert.deepEqual([p.status, p.target.running, p.target.pending, p.source.running], [
      status,
      running,
      pending,
      sourceRunning,
    ], `t=${now}`);
  }
});

Deno.test("deploymentProgress() trips the breaker and rolls back; without rollback it stops", () => {
  assert.equal(at(1000, { failing: true }).status, "IN_PROGRESS");
  const rolledBack = at(2000, { failing: true });
  assert.equal(rolledBack.status, "ROLLBACK_IN_PROGRESS");
  assert.equal(rolledBack.circuitBreaker.status, "TRIGGERED");
  assert.equal(rolledBack.primaryRevisionId, "old");
  assert.equal(at(3000, { failing: true }).status, "ROLLBACK_SUCCESSFUL");
  const noRollback = { ...rolling, deploymentCircuitBreaker: { enable: true, rollback: false } };
  const stopped = at(5000, { failing: true, config: noRollback });
  assert.deepEqual([stopped.status, stopped.rolloutState, stopped.servingRevisionId], [
    "STOPPED",
    "FAILED",
    "old",
  ]);
  const off = { ...rolling, deploymentCircuitBreaker: { enable: false, rollback: false } };
  assert.equal(
    at(60_000, { failing: true, config: off }).status,
    "IN_PROGRESS",
    "no breaker: retries forever",
  );
});

Deno.test("trafficSchedule() shifts LINEAR steps every stepBakeTime, then bakes", () => {
  const linear: DeploymentConfig = {
    ...rolling,
    strategy: "LINEAR",
    bakeTimeInMinutes: 2,
    linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 1 },
  };
  const schedule = trafficSchedule(linear, { readyAt: 0, minuteMs: 10 });
  assert.deepEqual(schedule.shifts.map((s) => [s.at, s.percent]), [[0, 30], [10, 60], [20, 90], [
    30,
    100,
  ]]);
  assert.equal(schedule.completeAt, 50);
});

Deno.test("deploymentProgress() of a BLUE_GREEN deployment keeps the source until the bake ends", () => {
  const blueGreen: DeploymentConfig = { ...rolling, strategy: "BLUE_GREEN", bakeTimeInMinutes: 1 };
  const baking = at(30_000, { config: blueGreen });
  assert.deepEqual([baking.lifecycleStage, baking.target.trafficPercent, baking.source.running], [
    "BAKE_TIME",
    100,
    2,
  ]);
  const stop = at(30_000, { config: blueGreen, extra: { stop: { type: "ROLLBACK", at: 20_000 } } });
  assert.deepEqual([stop.status, stop.target.trafficPercent, stop.source.running], [
    "ROLLBACK_SUCCESSFUL",
    0,
    2,
  ]);
  assert.equal(at(61_000, { config: blueGreen }).status, "SUCCESSFUL");
});

Deno.test("deploymentProgress() stops where it stands on ABORT and when superseded", () => {
  const blueGreen: DeploymentConfig = { ...rolling, strategy: "BLUE_GREEN", bakeTimeInMinutes: 1 };
  const aborted = at(30_000, { config: blueGreen, extra: { stop: { type: "ABORT", at: 20_000 } } });
  assert.deepEqual([aborted.status, aborted.stoppedAt, aborted.servingRevisionId], [
    "STOPPED",
    20_000,
    "new",
  ]);
  const superseded = at(30_000, { config: blueGreen, extra: { supersededAt: 500 } });
  assert.deepEqual([superseded.status, superseded.target.running], ["STOPPED", 0]);
  assert.match(superseded.statusReason ?? "", /superseded/);
});
