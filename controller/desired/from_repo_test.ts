import assert from "node:assert/strict";
import { loadRepo } from "../manifest/mod.ts";
import { desiredEcs } from "./ecs_desired.ts";
import { desiredFromRepo } from "./from_repo.ts";
import type { DesiredEcs, DesiredLambda } from "../plan/desired.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function desired() {
  const { repo, problems } = await loadRepo(ROOT);
  assert.deepEqual(problems, []);
  return { repo, envs: desiredFromRepo(repo, { commit: "c".repeat(40) }) };
}

Deno.test("desiredFromRepo() resolves the repository's releases with ARNs in each environment's account", async () => {
  const { envs } = await desired();
  assert.deepEqual(envs.map((e) => e.environment.metadata.name), ["dev", "production"]);
  const dev = envs[0]!.releases;
  assert.deepEqual(dev.map((r) => `${r.kind}/${r.name}`), [
    "LambdaRelease/evaluation",
    "LambdaRelease/feedback",
    "EcsRelease/inference",
    "LambdaRelease/model",
  ]);
  const feedback = dev[1] as DesiredLambda;
  assert.equal(feedback.config.roleArn, "arn:aws:iam::000000000001:role/ml-news-feedback-lambda");
  assert.deepEqual(feedback.traffic.kind === "progressive" && feedback.traffic.strategy.steps[0], {
    kind: "setWeight",
    weight: 10,
  });
  const model = dev[3] as DesiredLambda;
  assert.deepEqual(model.traffic.kind === "progressive" && model.traffic.strategy.steps, [
    { kind: "setWeight", weight: 10 },
    { kind: "pause", durationMs: 300_000 },
  ]);
  const inference = dev[2] as DesiredEcs;
  assert.equal(inference.taskDefinition.containers[0]?.image, inference.image);
  assert.equal(
    inference.taskDefinition.executionRoleArn,
    "arn:aws:iam::000000000001:role/ml-news-inference-execution",
  );
  assert.equal(inference.taskDefinition.containers[0]?.healthCheck?.interval, 10);
  // The canary strategy is ECS's own (bake times in whole minutes), with our analysis on top.
  assert.equal(inference.deploymentSettings.strategy, "CANARY");
  assert.deepEqual(inference.deploymentSettings.canary, { percent: 10, bakeTimeInMinutes: 2 });
  assert.equal(inference.deploymentSettings.bakeTimeInMinutes, 2);
  assert.deepEqual(inference.analysis, { templates: ["inference-quality"] });
  const prodInference = envs[1]!.releases[2] as DesiredEcs;
  assert.equal(
    prodInference.taskDefinition.taskRoleArn,
    "arn:aws:iam::000000000002:role/ml-news-inference-task",
  );
});

Deno.test("desiredFromRepo() spec digests change with the image and not with the commit", async () => {
  const { repo } = await desired();
  const a = desiredFromRepo(repo, {
    commit: "a".repeat(40),
    environment: "dev",
    release: "inference",
  });
  const b = desiredFromRepo(repo, {
    commit: "b".repeat(40),
    environment: "dev",
    release: "inference",
  });
  assert.equal(a[0]!.releases[0]!.specDigest, b[0]!.releases[0]!.specDigest);
  const release = repo.releases.get("dev")!.get("inference")!;
  assert.ok(release.kind === "EcsRelease");
  const env = repo.environments.get("dev")!;
  const service = repo.services.get(release.spec.service)!;
  const moved = desiredEcs(
    { ...release, spec: { ...release.spec, image: "ml-news-inference:9.9.9" } },
    { environment: env, service, commit: null, templates: new Map() },
  );
  assert.notEqual(moved.specDigest, a[0]!.releases[0]!.specDigest);
});

Deno.test("desiredEcs() renders the service's network (sets sorted), in the digest only when given", async () => {
  const { repo, envs } = await desired();
  const release = repo.releases.get("dev")!.get("inference")!;
  assert.ok(release.kind === "EcsRelease");
  const env = repo.environments.get("dev")!;
  const service = repo.services.get(release.spec.service)!;
  const without = envs[0]!.releases[2] as DesiredEcs;
  assert.equal(without.network, null);
  const network = {
    subnets: ["subnet-0b1c2d3e", "subnet-0a1b2c3d"],
    securityGroups: ["sg-0a1b2c3d"],
    assignPublicIp: "DISABLED" as const,
  };
  const withNetwork = desiredEcs(release, {
    environment: env,
    service: { ...service, spec: { ...service.spec, network } },
    commit: null,
    templates: new Map(),
  });
  assert.deepEqual(withNetwork.network, {
    ...network,
    subnets: ["subnet-0a1b2c3d", "subnet-0b1c2d3e"],
  });
  assert.notEqual(withNetwork.specDigest, without.specDigest);
});

Deno.test("desiredFromRepo() names the environments there are when asked for an unknown one", async () => {
  const { repo } = await desired();
  assert.throws(
    () => desiredFromRepo(repo, { commit: null, environment: "staging" }),
    /no environment named "staging" \(have: dev, production\)/,
  );
});
