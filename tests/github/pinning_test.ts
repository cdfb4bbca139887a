/** Supply chain: every action a workflow runs is pinned to a commit, never to a movable tag. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadWorkflowFiles, REPO_ROOT, stepsOf, usesEntries } from "./workflow_files.ts";

const files = await loadWorkflowFiles();
const entries = files.flatMap(usesEntries);

Deno.test("every third-party action is pinned to a full commit SHA with its version in a comment", () => {
  const unpinned = entries
    .filter((entry) => !entry.ref.startsWith("./"))
    .filter((entry) =>
      !/^[A-Za-z0-9-]+\/[A-Za-z0-9._\/-]+@[0-9a-f]{40}$/.test(entry.ref) ||
      !/^v\d+\.\d+\.\d+$/.test(entry.comment ?? "")
    )
    .map((entry) =>
      `${entry.path}:${entry.line}: ${entry.ref} # ${entry.comment ?? "(no version)"}`
    );
  assert.deepEqual(unpinned, []);
});

Deno.test("one action is pinned to one commit and one version across all workflows", () => {
  const pins = new Map<string, Set<string>>();
  for (const entry of entries.filter((entry) => !entry.ref.startsWith("./"))) {
    const action = entry.ref.split("@")[0]!;
    pins.set(action, (pins.get(action) ?? new Set()).add(`${entry.ref} # ${entry.comment}`));
  }
  const drifting = [...pins].filter(([, refs]) => refs.size > 1).map(([action, refs]) =>
    `${action}: ${[...refs].join(" | ")}`
  );
  assert.deepEqual(drifting, []);
});

Deno.test("the text scan sees every uses: the YAML holds", () => {
  const parsed = files.flatMap((file) =>
    stepsOf(file).filter(({ step }) => step.uses !== undefined)
  );
  assert.equal(entries.length, parsed.length);
});

Deno.test("local actions exist and are composite actions", async () => {
  const local = [
    ...new Set(entries.filter((entry) => entry.ref.startsWith("./")).map((e) => e.ref)),
  ];
  assert.ok(local.length > 0);
  for (const ref of local) {
    const path = join(REPO_ROOT, ref, "action.yml");
    assert.ok(existsSync(path), `${ref}: no action.yml`);
    assert.match(await Deno.readTextFile(path), /^\s+using: composite$/m, `${ref}: not composite`);
  }
});

Deno.test("Deno is installed at the pinned 2.9.6 with a cache keyed on deno.lock", () => {
  const setup = files.flatMap((file) => stepsOf(file).map(({ step }) => ({ file, step })))
    .filter(({ step }) => String(step.uses ?? "").startsWith("denoland/setup-deno@"));
  assert.ok(setup.length > 0);
  for (const { file, step } of setup) {
    assert.equal(step.with?.["deno-version"], "v2.9.6", file.path);
    assert.equal(String(step.with?.cache), "true", file.path);
    assert.equal(step.with?.["cache-hash"], "${{ hashFiles('deno.lock') }}", file.path);
  }
  const ciRun = Deno.readTextFileSync(join(REPO_ROOT, ".ci/run"));
  assert.match(ciRun, /^DENO_VERSION=2\.9\.6$/m, ".ci/run and the workflows install the same Deno");
});
