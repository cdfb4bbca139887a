import assert from "node:assert/strict";
import type { EcsAction } from "./actions.ts";
import type { DesiredEcs } from "./desired.ts";
import { type ObservedEcs, planEcs } from "./ecs_plan.ts";
import { outcomeOf } from "./status.ts";
import { TAG_ROLLOUT } from "./tags.ts";
import { desiredEcs, liveService, NOW, TASK_DEFINITION, TD_ARN, withImage } from "./testing.ts";

const OLD_TD = { arn: TD_ARN(1), spec: withImage(TASK_DEFINITION, "ml-news-inference:1.0.0") };
const NEW_TD = { arn: TD_ARN(2), spec: TASK_DEFINITION };
const DESIRED_SPEC = "ec5500000002";

interface Case {
  readonly name: string;
  readonly desired?: Partial<DesiredEcs>;
  readonly observed: ObservedEcs;
  readonly kinds: readonly EcsAction["kind"][];
  readonly sync: string;
  readonly health: string;
  readonly outcome?: string;
  readonly check?: (actions: readonly EcsAction[]) => void;
}

const observed = (o: Partial<ObservedEcs>): ObservedEcs => ({
  clusterExists: null,
  service: null,
  liveTaskDefinition: null,
  latestInFamily: null,
  ...o,
});

const NETWORK = {
  subnets: ["subnet-0a1b2c3d", "subnet-0b1c2d3e"],
  securityGroups: ["sg-0a1b2c3d"],
  assignPublicIp: "DISABLED",
} as const;

const cases: Case[] = [
  {
    name:
      "a fresh environment creates the cluster, registers the task definition and creates the service",
    observed: observed({ clusterExists: false }),
    kinds: ["createCluster", "registerTaskDefinition", "createService"],
    sync: "OutOfSync",
    health: "Missing",
    check(actions) {
      const create = actions[2];
      assert.ok(create?.kind === "createService");
      assert.deepEqual(create.taskDefinition, { registered: true });
      assert.equal(create.tags[TAG_ROLLOUT], "applied");
    },
  },
  {
    name:
      "an identical latest task definition in the family is reused instead of registering another",
    observed: observed({ clusterExists: true, latestInFamily: NEW_TD }),
    kinds: ["createService"],
    sync: "OutOfSync",
    health: "Missing",
    check(actions) {
      assert.ok(actions[0]?.kind === "createService");
      assert.deepEqual(actions[0].taskDefinition, { arn: TD_ARN(2) });
    },
  },
  {
    name: "no change when the tags record this release and ECS completed it",
    observed: observed({ service: liveService(2, { spec: DESIRED_SPEC }) }),
    kinds: [],
    sync: "Synced",
    health: "Healthy",
    outcome: "in-sync",
  },
  {
    name: "a deployment ECS is still rolling out is Progressing, not drift",
    observed: observed({ service: liveService(2, { spec: DESIRED_SPEC, rollout: "IN_PROGRESS" }) }),
    kinds: [],
    sync: "Synced",
    health: "Progressing",
    outcome: "progressing",
  },
  {
    name: "a new image registers a task definition, updates the service, then records it in tags",
    observed: observed({
      service: liveService(1),
      liveTaskDefinition: OLD_TD,
      latestInFamily: OLD_TD,
    }),
    kinds: ["registerTaskDefinition", "updateService", "tagService"],
    sync: "OutOfSync",
    health: "Healthy",
    outcome: "changed",
    check(actions) {
      const update = actions[1];
      assert.ok(update?.kind === "updateService");
      assert.deepEqual(update.taskDefinition, { registered: true });
      assert.deepEqual(update.changes, [
        'taskDefinition.containers.inference.image: "ml-news-inference:1.0.0" -> "ml-news-inference:1.1.0"',
      ]);
    },
  },
  {
    name: "a live task definition equal to the desired one after normalisation needs only the tags",
    observed: observed({
      service: liveService(2),
      liveTaskDefinition: {
        arn: TD_ARN(2),
        spec: {
          ...TASK_DEFINITION,
          networkMode: "",
          containers: TASK_DEFINITION.containers.map((c) => ({
            ...c,
            environment: [...c.environment].reverse(),
            portMappings: c.portMappings.map((p) => ({ ...p, hostPort: 0, protocol: "" })),
          })),
        },
      },
    }),
    kinds: ["tagService"],
    sync: "OutOfSync",
    health: "Healthy",
  },
  {
    name: "a task definition changed by hand is healed back to the recorded one (driftPolicy heal)",
    observed: observed({
      service: liveService(3, { spec: DESIRED_SPEC, recorded: 2 }),
      liveTaskDefinition: {
        arn: TD_ARN(3),
        spec: withImage(TASK_DEFINITION, "ml-news-inference:hotfix"),
      },
    }),
    kinds: ["updateService"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      const update = actions[0];
      assert.ok(update?.kind === "updateService");
      assert.equal(update.reason, "heal");
      assert.deepEqual(update.taskDefinition, { arn: TD_ARN(2) });
    },
  },
  {
    name: "a task definition changed by hand is only reported under driftPolicy warn",
    desired: { driftPolicy: "warn" },
    observed: observed({
      service: liveService(3, { spec: DESIRED_SPEC, recorded: 2 }),
      liveTaskDefinition: {
        arn: TD_ARN(3),
        spec: withImage(TASK_DEFINITION, "ml-news-inference:hotfix"),
      },
    }),
    kinds: [],
    sync: "OutOfSync",
    health: "Healthy",
    outcome: "waiting",
  },
  {
    name: "a desired count changed by hand is healed",
    observed: observed({ service: liveService(2, { spec: DESIRED_SPEC, desiredCount: 5 }) }),
    kinds: ["updateService"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      assert.ok(actions[0]?.kind === "updateService");
      assert.equal(actions[0].desiredCount, 2);
      assert.deepEqual(actions[0].changes, ["desiredCount: 5 -> 2"]);
    },
  },
  {
    name: "the service's network goes to CreateService and to every UpdateService",
    desired: { network: NETWORK },
    observed: observed({ clusterExists: true }),
    kinds: ["registerTaskDefinition", "createService"],
    sync: "OutOfSync",
    health: "Missing",
    check(actions) {
      assert.ok(actions[1]?.kind === "createService");
      assert.deepEqual(actions[1].network, NETWORK);
    },
  },
  {
    name: "a new image updates the service with its network",
    desired: { network: NETWORK },
    observed: observed({
      service: liveService(1, { network: NETWORK }),
      liveTaskDefinition: OLD_TD,
      latestInFamily: OLD_TD,
    }),
    kinds: ["registerTaskDefinition", "updateService", "tagService"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      assert.ok(actions[1]?.kind === "updateService");
      assert.deepEqual(actions[1].network, NETWORK);
    },
  },
  {
    name: "subnets or security groups changed by hand are healed (sets: order is no change)",
    desired: { network: NETWORK },
    observed: observed({
      service: liveService(2, {
        spec: DESIRED_SPEC,
        network: { ...NETWORK, securityGroups: ["sg-0ffffff0"], assignPublicIp: "ENABLED" },
      }),
    }),
    kinds: ["updateService"],
    sync: "OutOfSync",
    health: "Healthy",
    check(actions) {
      assert.ok(actions[0]?.kind === "updateService");
      assert.equal(actions[0].reason, "heal");
      assert.deepEqual(actions[0].network, NETWORK);
      assert.deepEqual(actions[0].changes, [
        `networkConfiguration: {"subnets":["subnet-0a1b2c3d","subnet-0b1c2d3e"],"securityGroups":["sg-0ffffff0"],"assignPublicIp":"ENABLED"} -> {"subnets":["subnet-0a1b2c3d","subnet-0b1c2d3e"],"securityGroups":["sg-0a1b2c3d"],"assignPublicIp":"DISABLED"}`,
      ]);
    },
  },
  {
    name: "the same network listed in another order is in sync",
    desired: { network: NETWORK },
    observed: observed({
      service: liveService(2, {
        spec: DESIRED_SPEC,
        network: { ...NETWORK, subnets: [...NETWORK.subnets].reverse() },
      }),
    }),
    kinds: [],
    sync: "Synced",
    health: "Healthy",
  },
  {
    name: "a network git does not manage is not drift",
    observed: observed({ service: liveService(2, { spec: DESIRED_SPEC, network: NETWORK }) }),
    kinds: [],
    sync: "Synced",
    health: "Healthy",
  },
  {
    name: "a network ECS does not report is not drift",
    desired: { network: NETWORK },
    observed: observed({ service: liveService(2, { spec: DESIRED_SPEC }) }),
    kinds: [],
    sync: "Synced",
    health: "Healthy",
  },
  {
    name: "a deployment the circuit breaker rolled back is recorded as failed, never as success",
    observed: observed({
      service: liveService(1, {
        spec: DESIRED_SPEC,
        recorded: 2,
        deployments: [
          {
            id: "ecs-svc/2",
            status: "PRIMARY",
            taskDefinitionArn: TD_ARN(1),
            rolloutState: "IN_PROGRESS",
            rolloutStateReason: "rolling back",
            desiredCount: 2,
            runningCount: 2,
            updatedAt: NOW,
          },
          {
            id: "ecs-svc/1",
            status: "ACTIVE",
            taskDefinitionArn: TD_ARN(2),
            rolloutState: "FAILED",
            rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.",
            desiredCount: 0,
            runningCount: 0,
            updatedAt: NOW,
          },
        ],
      }),
    }),
    kinds: ["tagService"],
    sync: "OutOfSync",
    health: "Degraded",
    outcome: "degraded",
    check(actions) {
      assert.ok(actions[0]?.kind === "tagService");
      assert.deepEqual(actions[0].tags, { [TAG_ROLLOUT]: "failed" });
    },
  },
  {
    name: "a rollback ECS already finished is recognised from the newest service deployment",
    observed: observed({
      service: liveService(1, { spec: DESIRED_SPEC, recorded: 2 }),
      liveTaskDefinition: OLD_TD,
      latestDeployment: {
        arn: "arn:sd/1",
        status: "ROLLBACK_SUCCESSFUL",
        statusReason:
          "Service deployment rolled back because the circuit breaker threshold was exceeded.",
        createdAt: NOW,
      },
    }),
    kinds: ["tagService"],
    sync: "OutOfSync",
    health: "Degraded",
    outcome: "degraded",
  },
  {
    name: "a hand edit after a successful deployment is drift, not a failure",
    observed: observed({
      service: liveService(1, { spec: DESIRED_SPEC, recorded: 2 }),
      liveTaskDefinition: OLD_TD,
      latestDeployment: { arn: "arn:sd/1", status: "SUCCESSFUL", statusReason: "", createdAt: NOW },
    }),
    kinds: ["updateService"],
    sync: "OutOfSync",
    health: "Healthy",
  },
  {
    name: "a failed release is not re-attempted while its spec is unchanged",
    observed: observed({
      service: liveService(1, {
        spec: DESIRED_SPEC,
        recorded: 2,
        extraTags: { [TAG_ROLLOUT]: "failed" },
      }),
    }),
    kinds: [],
    sync: "OutOfSync",
    health: "Degraded",
    outcome: "degraded",
  },
  {
    name: "a failed primary deployment without rollback is Degraded",
    observed: observed({ service: liveService(2, { spec: DESIRED_SPEC, rollout: "FAILED" }) }),
    kinds: ["tagService"],
    sync: "OutOfSync",
    health: "Degraded",
    outcome: "degraded",
  },
];

for (const c of cases) {
  Deno.test(`planEcs(): ${c.name}`, () => {
    const plan = planEcs(desiredEcs(c.desired), c.observed);
    assert.deepEqual(plan.actions.map((a) => a.kind), c.kinds);
    assert.equal(plan.status.sync, c.sync);
    assert.equal(plan.status.health, c.health);
    if (c.outcome) assert.equal(outcomeOf(plan.status, plan.actions.length), c.outcome);
    c.check?.(plan.actions);
  });
}
