/**
 * The controller role allows exactly what the controller's adapters can call: an SDK command
 * added to `controller/aws/` without its IAM action fails here, and so does an action left in
 * the policy after the code stopped calling it.
 */
import assert from "node:assert/strict";
import { loadRepo } from "../../controller/manifest/mod.ts";
import { DEPENDENT_ACTIONS, requiredActions } from "./iam_actions.ts";
import { allowedActions, allows, list, loadPolicy } from "./policy_documents.ts";
import { opaqueSdkImports, REPO_ROOT, sdkCalls, sourceFiles } from "./sdk_calls.ts";

const adapters = await sourceFiles("controller/aws");
const calls = await sdkCalls(adapters);
const policy = await loadPolicy("controller-policy.json");
const { repo } = await loadRepo(REPO_ROOT);

/** Actions AWS cannot scope to a resource ARN (Service Authorization Reference). */
const NO_RESOURCE_LEVEL = new Set([
  "ecs:CreateCluster",
  "ecs:DescribeTaskDefinition",
  "ecs:RegisterTaskDefinition",
  "cloudwatch:GetMetricData",
]);

type EcsResource = "cluster" | "service" | "service-deployment" | "task";

/** The ECS resource each scoped action authorizes against (Service Authorization Reference). */
const ECS_RESOURCE_OF: Readonly<Record<string, EcsResource>> = {
  "ecs:DescribeClusters": "cluster",
  "ecs:CreateService": "service",
  "ecs:UpdateService": "service",
  "ecs:DescribeServices": "service",
  "ecs:ListServiceDeployments": "service",
  "ecs:TagResource": "service",
  "ecs:DescribeServiceDeployments": "service-deployment",
  "ecs:StopServiceDeployment": "service-deployment",
  "ecs:DescribeTasks": "task",
};

Deno.test("only controller/aws/ imports the AWS SDK, and only as named Command imports", async () => {
  const outside = (await sourceFiles("controller")).filter((file) =>
    !file.startsWith("controller/aws/")
  );
  const leaking = await opaqueSdkImports(outside);
  const sdkOutside = [];
  for (const file of outside) {
    if ((await Deno.readTextFile(`${REPO_ROOT}/${file}`)).includes("@aws-sdk/")) {
      sdkOutside.push(file);
    }
  }
  assert.deepEqual(sdkOutside, [], "adapters are the only SDK users");
  assert.deepEqual(leaking, []);
  assert.deepEqual(await opaqueSdkImports(adapters), []);
  assert.ok(calls.length > 0, "the adapters call AWS");
});

Deno.test("the controller policy allows exactly the actions the adapters can call", () => {
  assert.deepEqual(allowedActions(policy), requiredActions(calls));
});

Deno.test("the controller policy has no wildcard actions and no inverted statements", () => {
  for (const statement of policy.Statement) {
    assert.equal(statement.Effect, "Allow", statement.Sid);
    assert.equal(statement.NotAction, undefined, statement.Sid);
    assert.equal(statement.NotResource, undefined, statement.Sid);
    for (const action of list(statement.Action)) {
      assert.match(action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${statement.Sid}: ${action}`);
    }
  }
});

Deno.test("every resource is one of the platform's (ml-news-*), unless AWS cannot scope the action", () => {
  for (const statement of policy.Statement) {
    for (const resource of list(statement.Resource)) {
      if (resource === "*") {
        const unscopable = list(statement.Action).filter((a) => !NO_RESOURCE_LEVEL.has(a));
        assert.deepEqual(unscopable, [], `${statement.Sid}: these actions can be scoped`);
      } else {
        assert.match(resource, /[:/]ml-news-/, `${statement.Sid}: ${resource}`);
      }
    }
  }
});

Deno.test("the policy reaches every function, service and cluster the manifests define", () => {
  const fns = [...repo.functions.keys()];
  assert.ok(fns.length >= 3);
  for (const env of repo.environments.values()) {
    const { region, accountId } = env.spec;
    for (const fn of fns) {
      const arn = `arn:aws:lambda:${region}:${accountId}:function:${fn}`;
      for (const action of allowedActions(policy).filter((a) => a.startsWith("lambda:"))) {
        assert.ok(allows(policy, action, arn), `${action} on ${arn}`);
        assert.ok(allows(policy, action, `${arn}:live`), `${action} on ${arn}:live`);
      }
    }
    for (const service of repo.services.values()) {
      const { cluster } = service.spec;
      const at = `${region}:${accountId}`;
      const sample: Record<EcsResource, string> = {
        cluster: `arn:aws:ecs:${at}:cluster/${cluster}`,
        service: `arn:aws:ecs:${at}:service/${cluster}/${service.metadata.name}`,
        "service-deployment":
          `arn:aws:ecs:${at}:service-deployment/${cluster}/${service.metadata.name}/a1b2c3`,
        task: `arn:aws:ecs:${at}:task/${cluster}/0123456789abcdef`,
      };
      for (const action of allowedActions(policy).filter((a) => a.startsWith("ecs:"))) {
        if (NO_RESOURCE_LEVEL.has(action)) continue;
        const kind = ECS_RESOURCE_OF[action];
        assert.ok(kind, `${action}: add the ECS resource it acts on to ECS_RESOURCE_OF`);
        assert.ok(allows(policy, action, sample[kind]), `${action} on ${sample[kind]}`);
      }
    }
  }
  assert.ok(!allows(policy, "lambda:UpdateAlias", "arn:aws:lambda:eu-west-1:1:function:billing"));
});

Deno.test("iam:PassRole reaches the workload roles, each only for its service, and no pipeline role", () => {
  const passes = policy.Statement.filter((s) => list(s.Action).includes("iam:PassRole"));
  const passable = (role: string, service: string) =>
    passes.some((s) =>
      list(s.Condition?.StringEquals?.["iam:PassedToService"]).includes(service) &&
      allows(
        { Version: "", Statement: [s] },
        "iam:PassRole",
        `arn:aws:iam::000000000001:role/${role}`,
      )
    );
  assert.ok(passes.every((s) => s.Condition?.StringEquals?.["iam:PassedToService"] !== undefined));
  for (const fn of repo.functions.values()) {
    assert.ok(passable(fn.spec.role, "lambda.amazonaws.com"), fn.spec.role);
    assert.ok(!passable(fn.spec.role, "ecs-tasks.amazonaws.com"), fn.spec.role);
  }
  for (const service of repo.services.values()) {
    const { executionRole, taskRole } = service.spec.taskDefinition;
    for (const role of [executionRole, taskRole].filter((r): r is string => r !== undefined)) {
      assert.ok(passable(role, "ecs-tasks.amazonaws.com"), role);
      assert.ok(!passable(role, "lambda.amazonaws.com"), role);
    }
  }
  for (
    const own of [
      "ml-news-controller",
      "ml-news-plan",
      "ml-news-ci-artifacts",
      "ml-news-ci-ecr-push",
    ]
  ) {
    assert.ok(
      !passable(own, "lambda.amazonaws.com") && !passable(own, "ecs-tasks.amazonaws.com"),
      own,
    );
  }
});

Deno.test("dependent actions name only actions of known services", () => {
  for (const [action, dependents] of Object.entries(DEPENDENT_ACTIONS)) {
    for (const dependent of dependents) {
      assert.match(dependent, /^(iam|s3|lambda|ecs):[A-Z]/, action);
    }
  }
});
