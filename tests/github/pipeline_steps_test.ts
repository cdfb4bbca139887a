/**
 * The workflows' own `run:` scripts, executed for real in a scratch checkout with the inputs
 * GitHub would give them: what the pull requests would contain, what reaches $GITHUB_OUTPUT,
 * which AWS CLI calls an upload makes (through a recording `aws` on PATH), and which exit
 * codes fail a reconcile job.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ExitCode } from "../../controller/exit_codes.ts";
import { findStep, loadWorkflowFiles } from "./workflow_files.ts";
import { runStep, scratchRepo } from "./scratch_repo.ts";
import { readRevision, writeRevision } from "../../.github/scripts/release_file.ts";

const files = await loadWorkflowFiles();
const workflow = (name: string) => files.find((f) => f.path === `.github/workflows/${name}`)!;

async function inScratch(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await scratchRepo();
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function git(root: string, ...args: string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command("git", {
    args: ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", ...args],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
}

Deno.test("ci.yml plans exactly the environments a pull request's commits touch", async () => {
  const { script, env } = findStep(workflow("ci.yml"), "plan-targets", "changed");
  await inScratch(async (root) => {
    await git(root, "init", "-q");
    await git(root, "add", "manifests", "releases");
    await git(root, "commit", "-q", "-m", "base");
    const file = join(root, "releases/production/model.yaml");
    await Deno.writeTextFile(file, (await Deno.readTextFile(file)) + "# touched\n");
    await git(root, "commit", "-q", "-am", "touch production");
    const result = await runStep(root, script, { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.outputs.environments, '["production"]');
  });
});

Deno.test("ci.yml and reconcile.yml assume the right role in each environment's account", async () => {
  const cases = [
    { file: "ci.yml", job: "plan", env: "production", arn: "000000000002:role/ml-news-plan" },
    {
      file: "reconcile.yml",
      job: "reconcile",
      env: "dev",
      arn: "000000000001:role/ml-news-controller",
    },
  ];
  for (const c of cases) {
    const { script, env } = findStep(workflow(c.file), c.job, "target");
    await inScratch(async (root) => {
      const result = await runStep(root, script, { env: { ...env, ENVIRONMENT: c.env } });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(result.outputs, {
        target: "local",
        region: "eu-west-1",
        "role-arn": `arn:aws:iam::${c.arn}`,
      });
    });
  }
});

Deno.test("build-lambdas.yml checks the ZIPs, outputs their digests and uploads them by digest", async () => {
  const build = workflow("build-lambdas.yml");
  await inScratch(async (root) => {
    const bytes = new TextEncoder().encode("zip bytes of feedback");
    const hex = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    await Deno.mkdir(join(root, "dist/lambda/feedback"), { recursive: true });
    await Deno.writeFile(join(root, `dist/lambda/feedback/${hex}.zip`), bytes);
    await Deno.writeTextFile(join(root, "package.txt"), `feedback sha256:${hex}\n`);

    const digests = findStep(build, "package", "digests");
    const result = await runStep(root, digests.script, { env: digests.env });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.outputs.digests!), { feedback: `sha256:${hex}` });

    const bin = join(root, "bin");
    await Deno.mkdir(bin);
    await Deno.writeTextFile(join(bin, "aws"), `#!/bin/sh\necho "$@" >> "${root}/aws-calls"\n`);
    await Deno.chmod(join(bin, "aws"), 0o755);
    const upload = findStep(
      build,
      "package",
      "Upload to s3://ml-news-artifacts/lambda/<package>/<sha256>.zip",
    );
    const uploaded = await runStep(root, upload.script, { env: upload.env, path: bin });
    assert.equal(uploaded.code, 0, uploaded.stderr);
    assert.equal(
      await Deno.readTextFile(join(root, "aws-calls")),
      `s3 cp --no-progress dist/lambda/feedback/${hex}.zip s3://ml-news-artifacts/lambda/feedback/${hex}.zip\n`,
    );

    await Deno.writeFile(join(root, `dist/lambda/feedback/${hex}.zip`), new Uint8Array([0]));
    const tampered = await runStep(root, digests.script, { env: digests.env });
    assert.notEqual(tampered.code, 0, "a ZIP that does not match its digest stops the job");
  });
});

Deno.test("build-lambdas.yml proposes dev releases pointing at the new digests", async () => {
  const { script, env } = findStep(
    workflow("build-lambdas.yml"),
    "propose",
    "Point the dev releases at the new ZIPs",
  );
  await inScratch(async (root) => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const result = await runStep(root, script, {
      env: { ...env, DIGESTS: JSON.stringify({ feedback: digest }) },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      await Deno.readTextFile(join(root, "releases/dev/feedback.yaml")),
      new RegExp(`revision: ${digest}`),
    );
    assert.match(
      await Deno.readTextFile(join(root, "changes.txt")),
      /releases\/dev\/feedback\.yaml: spec\.revision /,
    );
    const bad = await runStep(root, script, { env: { ...env, DIGESTS: '{"nope":"sha256:x"}' } });
    assert.notEqual(bad.code, 0, "pipefail: a failing script is not hidden by tee");
  });
});

Deno.test("build-inference.yml proposes the dev EcsRelease at the commit-tagged image", async () => {
  const { script, env } = findStep(
    workflow("build-inference.yml"),
    "propose",
    "Point the dev EcsRelease at the new image",
  );
  await inScratch(async (root) => {
    const image = `ml-news-inference:${"c0ffee".repeat(6)}abcd`;
    const result = await runStep(root, script, { env: { ...env, IMAGE: image } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      await Deno.readTextFile(join(root, "releases/dev/inference.yaml")),
      new RegExp(`image: ${image}`),
    );
  });
});

Deno.test("promote.yml copies dev's revision to production and nothing else", async () => {
  const { script, env } = findStep(
    workflow("promote.yml"),
    "propose",
    "Copy the revision from dev to production",
  );
  await inScratch(async (root) => {
    const digest = `sha256:${"12".repeat(32)}`;
    await writeRevision(root, "releases/dev/feedback.yaml", { revision: digest });
    const production = "releases/production/feedback.yaml";
    const was = (await readRevision(root, production)).revision;
    assert.notEqual(was, digest);
    const before = await Deno.readTextFile(join(root, production));
    const result = await runStep(root, script, { env: { ...env, RELEASE: "feedback" } });
    assert.equal(result.code, 0, result.stderr);
    const after = await Deno.readTextFile(join(root, production));
    assert.equal(after, before.replace(`revision: ${was}`, `revision: ${digest}`));
  });
});

Deno.test("reconcile.yml fails on exactly the controller's error and rolled-back exit codes", async () => {
  const reconcile = workflow("reconcile.yml");
  const { script, env } = findStep(reconcile, "reconcile", "Fail on error or rollback");
  assert.equal(env.EXIT_ERROR, String(ExitCode.Error));
  assert.equal(env.EXIT_DEGRADED, String(ExitCode.Degraded));
  assert.equal(env.EXIT_WAITING_FOR_HUMAN, String(ExitCode.WaitingForHuman));
  const outcome = async (reconcileCode: string, statusCode: string) => {
    const root = await Deno.makeTempDir();
    try {
      return await runStep(root, script, {
        env: { ...env, RECONCILE: reconcileCode, STATUS: statusCode },
      });
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  };
  for (
    const [r, s, fails] of [
      [ExitCode.Ok, ExitCode.Ok, false],
      [ExitCode.Progressing, ExitCode.Progressing, false],
      [ExitCode.Progressing, "", false],
      [ExitCode.Error, "", true],
      [ExitCode.Degraded, ExitCode.Degraded, true],
      [ExitCode.Progressing, ExitCode.Degraded, true],
      [ExitCode.WaitingForHuman, ExitCode.WaitingForHuman, false],
    ] as const
  ) {
    const result = await outcome(String(r), String(s));
    assert.equal(result.code !== 0, fails, `reconcile ${r}, status ${s}: ${result.stdout}`);
  }
  const waiting = await outcome(String(ExitCode.WaitingForHuman), "");
  assert.match(waiting.stdout, /::warning::a rollout in .* waits for a human/);
});
