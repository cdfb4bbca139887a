import assert from "node:assert/strict";
import { bumpLambdaReleases } from "./bump_lambda_releases.ts";
import { readRevision } from "./release_file.ts";
import { changedFiles, copyOfRepoManifests, snapshot } from "./release_fixture.ts";

const FEEDBACK = `sha256:${"fe".repeat(32)}`;
const MODEL = `sha256:${"0d".repeat(32)}`;

Deno.test("bumpLambdaReleases() points each dev release at its function's new ZIP", async () => {
  const root = await copyOfRepoManifests();
  try {
    const before = await snapshot(root);
    const changes = await bumpLambdaReleases(root, "dev", {
      digests: { feedback: FEEDBACK, model: MODEL },
    });
    assert.deepEqual(changedFiles(before, await snapshot(root)), [
      "releases/dev/feedback.yaml",
      "releases/dev/model.yaml",
    ]);
    assert.deepEqual(changes.map((change) => change.file), [
      "releases/dev/feedback.yaml",
      "releases/dev/model.yaml",
    ]);
    assert.equal((await readRevision(root, "releases/dev/feedback.yaml")).revision, FEEDBACK);
    assert.equal((await readRevision(root, "releases/dev/model.yaml")).revision, MODEL);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("bumpLambdaReleases() rejects a package no function manifest names", async () => {
  const root = await copyOfRepoManifests();
  try {
    await assert.rejects(
      bumpLambdaReleases(root, "dev", { digests: { feedbak: FEEDBACK } }),
      /no LambdaFunction manifest packages feedbak/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
