/**
 * What the issue asks of the delivery workflows, checked against the repository they serve:
 * the environments and releases they name are the ones the manifests define.
 */
import assert from "node:assert/strict";
import { loadRepo } from "../../controller/manifest/mod.ts";
import { loadWorkflowFiles, REPO_ROOT } from "./workflow_files.ts";

const files = await loadWorkflowFiles();
const doc = (name: string) => files.find((f) => f.path === `.github/workflows/${name}`)!.doc;
const { repo } = await loadRepo(REPO_ROOT);

Deno.test("reconcile.yml runs every environment, one non-cancelling concurrency group each", () => {
  const reconcile = doc("reconcile.yml");
  const job = reconcile.jobs.reconcile;
  assert.deepEqual(
    [...job.strategy.matrix.environment].sort(),
    [...repo.environments.keys()].sort(),
  );
  assert.equal(job.strategy["fail-fast"], false, "one environment failing does not stop the other");
  assert.deepEqual(job.concurrency, {
    group: "reconcile-${{ matrix.environment }}",
    "cancel-in-progress": false,
  });
  assert.deepEqual(reconcile.on.schedule, [{ cron: "*/5 * * * *" }]);
  assert.deepEqual(reconcile.on.push, {
    branches: ["main"],
    paths: ["releases/**", "manifests/**"],
  });
});

Deno.test("promote.yml offers exactly the releases of dev, plus all", () => {
  const options = doc("promote.yml").on.workflow_dispatch.inputs.release.options;
  const dev = [...(repo.releases.get("dev")?.keys() ?? [])];
  assert.ok(dev.length >= 4);
  assert.deepEqual([...options].sort(), ["all", ...dev].sort());
  for (const name of dev) {
    assert.ok(repo.releases.get("production")?.has(name), `production has a ${name} release`);
  }
});

Deno.test("build-inference.yml bumps the dev release of the service its image runs in", () => {
  const build = doc("build-inference.yml");
  const repository = build.env.REPOSITORY;
  const release = repo.releases.get("dev")?.get("inference");
  assert.equal(release?.kind, "EcsRelease");
  const service = release?.kind === "EcsRelease"
    ? repo.services.get(release.spec.service)
    : undefined;
  assert.ok(service?.spec.taskDefinition.containers.some((c) => c.image === repository));
  assert.match(
    build.jobs.propose.steps.find((s: { run?: string }) => s.run?.includes("set_revision")).run,
    /--release inference/,
  );
});

Deno.test("pull requests come from fixed branches, so a new build updates the open one", () => {
  const branches = files.flatMap((file) =>
    Object.values(file.doc.jobs ?? {}).flatMap((job) =>
      // deno-lint-ignore no-explicit-any
      ((job as any).steps ?? []).filter((s: { uses?: string }) =>
        s.uses?.startsWith("peter-evans/create-pull-request@")
      )
        .map((s: { with: { branch: string } }) => `${file.path}: ${s.with.branch}`)
    )
  );
  assert.deepEqual(branches.sort(), [
    ".github/workflows/build-inference.yml: release/dev-inference",
    ".github/workflows/build-lambdas.yml: release/dev-lambdas",
    ".github/workflows/promote.yml: promote/${{ inputs.release }}",
  ]);
});

Deno.test("build-inference.yml builds Dockerfile.inference with the current model version", async () => {
  const image = doc("build-inference.yml").jobs.image;
  // deno-lint-ignore no-explicit-any
  const build = image.steps.find((s: any) =>
    String(s.uses).startsWith("docker/build-push-action@")
  );
  assert.equal(build.with.file, "Dockerfile.inference");
  assert.equal(build.with["build-args"], "MODEL_VERSION=${{ steps.model.outputs.version }}");
  // deno-lint-ignore no-explicit-any
  const model = image.steps.find((s: any) => s.id === "model");
  assert.match(model.run, /cat ml\/models\/CURRENT/);
  const dockerfile = await Deno.readTextFile(`${REPO_ROOT}/Dockerfile.inference`);
  assert.match(dockerfile, /^ARG MODEL_VERSION\b/m, "the Dockerfile takes the model version");
  const current = (await Deno.readTextFile(`${REPO_ROOT}/ml/models/CURRENT`)).trim();
  assert.match(current, /^[0-9a-f]{12}$/);
});
