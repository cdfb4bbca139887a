/**
 * On a fresh clone `dist/` is empty, so local AWS can only run a Lambda revision the current
 * source builds to. This checks that every committed LambdaRelease (its `spec.revision` and any
 * explicit `traffic` revisions) references such a digest, and says what to paste when not.
 */
import assert from "node:assert/strict";
import { loadRepo } from "../../controller/manifest/mod.ts";
import { buildPackage, REPO_ROOT } from "./mod.ts";

Deno.test("committed Lambda releases reference the digests the current source builds to", async () => {
  const { repo, problems } = await loadRepo(REPO_ROOT);
  assert.deepEqual(problems, []);
  const digests = new Map<string, string>();
  const stale: string[] = [];
  for (const [environment, releases] of repo.releases) {
    for (const release of releases.values()) {
      if (release.kind !== "LambdaRelease") continue;
      const pkg = repo.functions.get(release.spec.function)?.spec.artifact.package;
      assert.ok(
        pkg,
        `releases/${environment}/${release.metadata.name}: no function ${release.spec.function}`,
      );
      if (!digests.has(pkg)) digests.set(pkg, `sha256:${(await buildPackage(pkg)).sha256}`);
      const revisions = [
        release.spec.revision,
        ...(release.spec.traffic ?? []).map((t) => t.revision),
      ];
      if (!revisions.includes(digests.get(pkg)!)) {
        stale.push(
          `releases/${environment}/${release.metadata.name}.yaml: revision: ${digests.get(pkg)}`,
        );
      }
    }
  }
  assert.ok(digests.size >= 3, `expected the three Lambda packages, found ${[...digests.keys()]}`);
  assert.deepEqual(stale, [], `run deno task package and set:\n${stale.join("\n")}`);
});
