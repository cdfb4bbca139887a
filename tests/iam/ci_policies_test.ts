/** The CI roles can put artifacts where the pipeline puts them, and nothing more. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { loadRepo } from "../../controller/manifest/mod.ts";
import { allowedActions, allows, list, loadPolicy } from "./policy_documents.ts";
import { REPO_ROOT } from "./sdk_calls.ts";

const { repo } = await loadRepo(REPO_ROOT);
const workflowEnv = async (name: string) =>
  parse(await Deno.readTextFile(join(REPO_ROOT, ".github/workflows", name))).env ?? {};

Deno.test("the artifact role may only put objects under lambda/ in the bucket the manifests name", async () => {
  const policy = await loadPolicy("ci-artifacts-policy.json");
  assert.deepEqual(allowedActions(policy), ["s3:PutObject"]);
  const buckets = new Set([...repo.functions.values()].map((fn) => fn.spec.artifact.bucket));
  assert.equal(buckets.size, 1, "one artifact bucket");
  const [bucket] = buckets;
  assert.equal((await workflowEnv("build-lambdas.yml")).ARTIFACT_BUCKET, bucket);
  for (const fn of repo.functions.values()) {
    const key = `lambda/${fn.spec.artifact.package}/${"a".repeat(64)}.zip`;
    assert.ok(allows(policy, "s3:PutObject", `arn:aws:s3:::${bucket}/${key}`), key);
  }
  assert.ok(!allows(policy, "s3:PutObject", `arn:aws:s3:::${bucket}/other/x`));
  const controller = await loadPolicy("controller-policy.json");
  assert.ok(
    allows(
      controller,
      "s3:GetObject",
      `arn:aws:s3:::${bucket}/lambda/feedback/${"a".repeat(64)}.zip`,
    ),
    "the controller can read what CI uploads",
  );
});

Deno.test("the ECR role may only push the inference image to its repository", async () => {
  const policy = await loadPolicy("ci-ecr-push-policy.json");
  const repository = (await workflowEnv("build-inference.yml")).REPOSITORY;
  const images = [...repo.services.values()].flatMap((s) =>
    s.spec.taskDefinition.containers.map((c) => c.image)
  );
  assert.ok(images.includes(repository), `${repository} is the EcsService image repository`);
  const push = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:CompleteLayerUpload",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
  ];
  assert.deepEqual(allowedActions(policy), ["ecr:GetAuthorizationToken", ...push].sort());
  const arn = `arn:aws:ecr:eu-west-1:000000000009:repository/${repository}`;
  for (const action of push) assert.ok(allows(policy, action, arn), action);
  assert.ok(!allows(policy, "ecr:PutImage", "arn:aws:ecr:eu-west-1:000000000009:repository/other"));
  for (const statement of policy.Statement) {
    if (list(statement.Resource).includes("*")) {
      assert.deepEqual(
        list(statement.Action),
        ["ecr:GetAuthorizationToken"],
        "only the login is unscoped",
      );
    }
  }
});
