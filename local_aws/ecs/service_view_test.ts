import assert from "node:assert/strict";
import type { DeploymentConfig, RevisionRecord, ServiceRecord } from "./model.ts";
import { serviceSnapshot } from "./service_view.ts";

const canary: DeploymentConfig = {
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  deploymentCircuitBreaker: { enable: true, rollback: true },
  strategy: "CANARY",
  bakeTimeInMinutes: 1,
  canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
};
const revision = (id: string): RevisionRecord => ({
  id,
  taskDefinitionArn: `td:${id}`,
  createdAt: 0,
  containers: [{ name: "app", image: `app:${id}` }],
  failing: false,
});
const service: ServiceRecord = {
  name: "svc",
  status: "ACTIVE",
  createdAt: 0,
  desiredCount: 2,
  deploymentConfiguration: canary,
  tags: [],
  settings: {},
  revisions: [revision("v1"), revision("v2")],
  deployments: [
    {
      id: "a",
      ecsId: "ecs-svc/1",
      rollbackEcsId: "ecs-svc/1r",
      createdAt: 0,
      targetRevisionId: "v1",
      config: canary,
    },
    {
      id: "b",
      ecsId: "ecs-svc/2",
      rollbackEcsId: "ecs-svc/2r",
      createdAt: 10_000,
      sourceRevisionId: "v1",
      sourceEcsId: "ecs-svc/1",
      targetRevisionId: "v2",
      config: canary,
    },
  ],
};
const timing = { taskStartMs: 1000, minuteMs: 60_000 };
const split = (now: number) =>
  serviceSnapshot(service, { now, timing }).deployments.map((
    d,
  ) => [d.id, d.status, d.runningCount, d.trafficPercent]);

Deno.test("serviceSnapshot() gives each deployment its tasks and its share of the traffic", () => {
  assert.deepEqual(split(10_500), [["ecs-svc/2", "PRIMARY", 0, 0], [
    "ecs-svc/1",
    "ACTIVE",
    2,
    100,
  ]]);
  assert.deepEqual(split(11_000), [["ecs-svc/2", "PRIMARY", 2, 10], [
    "ecs-svc/1",
    "ACTIVE",
    2,
    90,
  ]]);
  assert.deepEqual(split(11_000 + 120_000), [["ecs-svc/2", "PRIMARY", 2, 100], [
    "ecs-svc/1",
    "ACTIVE",
    2,
    0,
  ]]);
  assert.deepEqual(split(11_000 + 180_000), [["ecs-svc/2", "PRIMARY", 2, 100]]);
});
