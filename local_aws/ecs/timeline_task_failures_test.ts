import assert from "node:assert/strict";
import type { DeploymentConfig, RevisionRecord, ServiceDeploymentRecord } from "./model.ts";
import { CIRCUIT_BREAKER_REASON, deploymentProgress } from "./timeline.ts";

const canary: DeploymentConfig = {
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  deploymentCircuitBreaker: { enable: true, rollback: true },
  strategy: "CANARY",
  bakeTimeInMinutes: 0,
  canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
};
const revision = (id: string): RevisionRecord => ({
  id,
  taskDefinitionArn: `td:${id}`,
  createdAt: 0,
  containers: [{ name: "app", image: `app:${id}` }],
  failing: false,
});
const progressAt = (
  now: number,
  options: { taskFailures?: number[]; config?: DeploymentConfig },
) => {
  const deployment: ServiceDeploymentRecord = {
    id: "sd",
    ecsId: "ecs-svc/1",
    rollbackEcsId: "ecs-svc/2",
    createdAt: 0,
    sourceRevisionId: "old",
    sourceEcsId: "ecs-svc/0",
    targetRevisionId: "new",
    config: options.config ?? canary,
    ...(options.taskFailures ? { taskFailures: options.taskFailures } : {}),
  };
  return deploymentProgress({
    deployment,
    target: revision("new"),
    source: revision("old"),
    desiredCount: 2,
    timing: { taskStartMs: 1000, minuteMs: 60_000 },
    now,
  });
};

Deno.test("deploymentProgress() counts recorded real task failures and trips the breaker at the threshold", () => {
  const two = progressAt(5000, { taskFailures: [2000, 3000] });
  assert.equal(two.status, "IN_PROGRESS");
  assert.equal(two.target.failedTasks, 2);
  assert.equal(two.circuitBreaker.failureCount, 2);

  const three = progressAt(4500, { taskFailures: [3000, 2000, 4000] });
  assert.equal(three.status, "ROLLBACK_IN_PROGRESS");
  assert.equal(three.stoppedAt, 4000, "the third failure (threshold 3 for 2 tasks) stops it");
  assert.equal(three.rolloutState, "FAILED");
  assert.equal(three.circuitBreaker.status, "TRIGGERED");
  assert.equal(three.statusReason, CIRCUIT_BREAKER_REASON);
  assert.equal(three.primaryRevisionId, "old");
});

Deno.test("deploymentProgress() ignores real task failures after the deployment completed, and when the breaker is off", () => {
  const late = progressAt(400_000, { taskFailures: [310_000, 320_000, 330_000] });
  assert.equal(late.status, "SUCCESSFUL", "completed at 302 s, before any failure");

  const off = progressAt(5000, {
    taskFailures: [1000, 2000, 3000],
    config: { ...canary, deploymentCircuitBreaker: { enable: false, rollback: false } },
  });
  assert.equal(off.status, "IN_PROGRESS");
  assert.equal(off.circuitBreaker.status, "DISABLED");
});
