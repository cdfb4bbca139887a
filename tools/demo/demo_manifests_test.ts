import assert from "node:assert/strict";
import { parseDuration } from "../../controller/manifest/mod.ts";
import { applyEdit, DEMO_MANIFEST_EDITS } from "./demo_manifests.ts";
import { REPO_ROOT } from "./workspace.ts";

Deno.test("the demo's edits apply to the repository's manifests and leave no rollout pause, bake or analysis interval over 5 s", async () => {
  const files = new Map<string, string>();
  for (const edit of DEMO_MANIFEST_EDITS) {
    const text = files.get(edit.file) ?? await Deno.readTextFile(`${REPO_ROOT}/${edit.file}`);
    files.set(edit.file, applyEdit(text, edit));
  }
  for (const [file, text] of files) {
    if (!file.startsWith("releases/") && !file.startsWith("manifests/analysis/")) continue;
    for (
      const [, field, value] of text.matchAll(/(duration|interval|bakeTime|initialDelay): (\w+)/g)
    ) {
      assert.ok(parseDuration(value!) <= 5_000, `${file}: ${field} ${value}`);
    }
  }
  assert.match(files.get("manifests/services/inference.yaml")!, /desiredCount: 1\n/);
});

Deno.test("applyEdit() says which file and pattern found nothing to replace", () => {
  assert.throws(
    () =>
      applyEdit("interval: 1m\n", { file: "a.yaml", from: /bakeTime: \w+/, to: "bakeTime: 5s" }),
    /a\.yaml: expected text matching \/bakeTime: \\w\+\/ .*found none/,
  );
});

Deno.test("applyEdit() accepts a file already at the wanted value", () => {
  assert.equal(
    applyEdit("count: 2\n", { file: "a.yaml", from: /count: \d+/g, to: "count: 2" }),
    "count: 2\n",
  );
});
