import assert from "node:assert/strict";
import { join } from "node:path";
import { formatProblem, loadRepo } from "./mod.ts";
import { copyTree, REPO_ROOT, VALID_REPO } from "./testing.ts";
import { MAX_FILE_BYTES } from "./yaml_source.ts";

Deno.test("loadRepo() finds no problem in the repository's own manifests and releases", async () => {
  const { repo, problems } = await loadRepo(REPO_ROOT);
  assert.deepEqual(problems.map(formatProblem), []);
  assert.deepEqual([...repo.environments.keys()].sort(), ["dev", "production"]);
  assert.deepEqual([...repo.functions.keys()].sort(), [
    "ml-news-evaluation",
    "ml-news-feedback",
    "ml-news-model",
  ]);
  assert.deepEqual([...repo.services.keys()], ["ml-news-inference"]);
  assert.equal(repo.services.get("ml-news-inference")?.spec.cluster, "ml-news-cluster");
  for (const env of ["dev", "production"]) {
    assert.deepEqual([...repo.releases.get(env)?.keys() ?? []].sort(), [
      "evaluation",
      "feedback",
      "inference",
      "model",
    ]);
  }
});

Deno.test("loadRepo() types every kind, durations in milliseconds, defaults filled", async () => {
  const { repo, problems } = await loadRepo(VALID_REPO);
  assert.deepEqual(problems, []);
  const staging = repo.environments.get("staging");
  assert.deepEqual(staging?.spec, {
    target: "aws",
    region: "us-east-1",
    accountId: "123456789012",
    driftPolicy: "warn",
  });
  assert.equal(staging?.file, join(VALID_REPO, "manifests/environments/staging.yaml"));

  const model = repo.functions.get("ml-news-model");
  assert.equal(model?.file, join(VALID_REPO, "manifests/functions/functions.yaml"));
  assert.deepEqual(model?.spec.environment, {});
  assert.equal(model?.spec.architecture, "arm64");

  const inference = repo.services.get("ml-news-inference");
  assert.deepEqual(inference?.spec.taskDefinition.containers[0]?.healthCheck, {
    command: ["CMD-SHELL", "curl -f http://127.0.0.1:8080/healthz"],
    interval: 10_000,
    timeout: 5_000,
    retries: 3,
    startPeriod: 0,
  });
  assert.deepEqual(inference?.spec.deployment.circuitBreaker, { enable: true, rollback: true });

  const metrics = repo.analysisTemplates.get("all-providers")?.spec.metrics;
  assert.equal(metrics?.[3]?.interval, 90_000);
  assert.deepEqual(metrics?.[1]?.provider, {
    cloudWatch: {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      stat: "Sum",
      dimensions: { FunctionName: "ml-news-feedback" },
      period: 60_000,
    },
  });

  const feedback = repo.releases.get("dev")?.get("feedback");
  assert.ok(feedback?.kind === "LambdaRelease");
  assert.equal(feedback.spec.alias, "live");
  assert.equal(feedback.spec.progressDeadline, 1_800_000);
  assert.deepEqual(feedback.spec.postPromotionAnalysis, {
    templates: ["all-providers"],
    duration: 600_000,
  });
  const batch = repo.releases.get("dev")?.get("batch");
  assert.ok(batch?.kind === "EcsRelease");
  assert.deepEqual(batch.spec.strategy, { rolling: {} });
  assert.equal(batch.spec.rollbackPolicy, "auto");
});

Deno.test("loadRepo() returns deeply frozen objects", async () => {
  const { repo } = await loadRepo(VALID_REPO);
  const feedback = repo.releases.get("dev")?.get("feedback");
  assert.ok(feedback?.kind === "LambdaRelease" && feedback.spec.strategy !== undefined);
  assert.ok(Object.isFrozen(feedback));
  assert.ok("canary" in feedback.spec.strategy);
  assert.ok(Object.isFrozen(feedback.spec.strategy.canary.steps[1]));
});

Deno.test("loadRepo() skips manifests/iam/ and non-YAML files", async () => {
  const { repo, problems } = await loadRepo(VALID_REPO);
  assert.deepEqual(problems, []);
  assert.equal(repo.functions.size, 2);
});

Deno.test("loadRepo() reports an oversized file without reading it, and a missing manifests/", async () => {
  const root = await Deno.makeTempDir({ prefix: "manifest-huge-" });
  try {
    await copyTree(VALID_REPO, root);
    const huge = join(root, "releases/dev/huge.yaml");
    await Deno.writeTextFile(huge, "# filler\n".repeat(MAX_FILE_BYTES / 8));
    const { problems } = await loadRepo(root);
    assert.deepEqual(problems.map(formatProblem), [
      `${huge}:1:1: file is ${
        MAX_FILE_BYTES / 8 * 9
      } bytes; manifests are limited to ${MAX_FILE_BYTES} bytes`,
    ]);
    await Deno.remove(join(root, "manifests"), { recursive: true });
    const missing = await loadRepo(root);
    assert.equal(
      formatProblem(missing.problems[0]!),
      `${join(root, "manifests")}:1:1: expected a manifests/ directory, found none`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
