import assert from "node:assert/strict";
import { join } from "node:path";
import { promote } from "./promote.ts";
import { readRevision, writeRevision } from "./release_file.ts";
import { changedFiles, copyOfRepoManifests, snapshot } from "./release_fixture.ts";

const NEW_DIGEST = `sha256:${"5e".repeat(32)}`;

Deno.test("promote() copies only the revision of one release from dev to production", async () => {
  const root = await copyOfRepoManifests();
  try {
    await writeRevision(root, "releases/dev/feedback.yaml", { revision: NEW_DIGEST });
    const before = await snapshot(root);
    const changes = await promote(root, "feedback", { from: "dev", to: "production" });
    assert.deepEqual(changedFiles(before, await snapshot(root)), [
      "releases/production/feedback.yaml",
    ]);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.after, NEW_DIGEST);
    assert.equal(
      (await readRevision(root, "releases/production/feedback.yaml")).revision,
      NEW_DIGEST,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("promote('all') brings every production release to dev's revisions", async () => {
  const root = await copyOfRepoManifests();
  try {
    await writeRevision(root, "releases/dev/model.yaml", { revision: NEW_DIGEST });
    await writeRevision(root, "releases/dev/inference.yaml", {
      revision: "ml-news-inference:2.0.0",
    });
    const changes = await promote(root, "all", { from: "dev", to: "production" });
    for (const change of changes) {
      const dev = await readRevision(root, change.file.replace("/production/", "/dev/"));
      assert.equal((await readRevision(root, change.file)).revision, dev.revision, change.file);
    }
    const moved = changes.filter((change) => change.before !== change.after).map((c) => c.file);
    assert.ok(moved.includes("releases/production/model.yaml"));
    assert.ok(moved.includes("releases/production/inference.yaml"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("promote() refuses bad requests and leaves the files as they were", async () => {
  const root = await copyOfRepoManifests();
  try {
    const before = await snapshot(root);
    await assert.rejects(promote(root, "feedback", { from: "dev", to: "dev" }), /to itself/);
    await assert.rejects(promote(root, "../x", { from: "dev", to: "production" }), /lowercase/);
    await assert.rejects(
      promote(root, "nope", { from: "dev", to: "production" }),
      /NotFound|No such file/,
    );
    await Deno.copyFile(
      join(root, "releases/dev/inference.yaml"),
      join(root, "releases/dev/feedback.yaml"),
    );
    const mismatched = await snapshot(root);
    await assert.rejects(
      promote(root, "feedback", { from: "dev", to: "production" }),
      /releases\/production\/feedback\.yaml: is a LambdaRelease, but dev has a EcsRelease/,
    );
    assert.deepEqual(changedFiles(mismatched, await snapshot(root)), []);
    assert.deepEqual(changedFiles(before, mismatched), ["releases/dev/feedback.yaml"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
