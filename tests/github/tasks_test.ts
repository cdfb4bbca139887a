/** What workflows run exists: every `deno task X` is a task in deno.json, every script a file. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseReconcileArgs } from "../../controller/commands/reconcile.ts";
import { parseStatusArgs } from "../../controller/commands/status.ts";
import { denoTasksIn, loadWorkflowFiles, REPO_ROOT, runEntries } from "./workflow_files.ts";

const files = await loadWorkflowFiles();
const runs = files.flatMap(runEntries);
const denoJson = JSON.parse(await Deno.readTextFile(join(REPO_ROOT, "deno.json")));

Deno.test("every deno task a workflow calls is defined in deno.json", () => {
  const tasks = new Set(Object.keys(denoJson.tasks ?? {}));
  const called = runs.flatMap((run) => denoTasksIn(run.script).map((task) => ({ run, task })));
  assert.ok(called.length > 0);
  const missing = called.filter(({ task }) => !tasks.has(task))
    .map(({ run, task }) => `${run.path} (${run.job} / ${run.step}): deno task ${task}`);
  assert.deepEqual(missing, []);
});

Deno.test("every script a workflow runs with deno run exists", () => {
  const scripts = runs.flatMap((run) =>
    [
      ...run.script.replaceAll("\\\n", " ").matchAll(
        /\bdeno\s+run\b[^\n]*?\s((?:\.github|controller|services|tests)\/[\w\/.-]+\.ts)/g,
      ),
    ]
      .map((match) => ({ run, script: match[1]! }))
  );
  assert.ok(scripts.length > 0);
  const missing = scripts.filter(({ script }) => !existsSync(join(REPO_ROOT, script)))
    .map(({ run, script }) => `${run.path} (${run.job}): ${script}`);
  assert.deepEqual(missing, []);
});

Deno.test("deno task ok is the gate .ci/run runs", () => {
  assert.match(denoJson.tasks.ok, /deno fmt --check/);
  assert.match(denoJson.tasks.ok, /deno lint/);
  assert.match(denoJson.tasks.ok, /deno check/);
  assert.match(denoJson.tasks.ok, /deno task test/);
});

Deno.test("every reconcile and status flag a workflow passes is one the controller accepts", () => {
  const parsers: Record<string, (args: string[]) => unknown> = {
    reconcile: parseReconcileArgs,
    status: parseStatusArgs,
  };
  let checked = 0;
  for (const run of runs) {
    const script = run.script.replaceAll("\\\n", " ");
    for (const match of script.matchAll(/\bdeno task (reconcile|status)\b([^\n|;&`]*)/g)) {
      const args = match[2]!.split(/\s\d*>/)[0]!.trim().split(/\s+/).filter(Boolean)
        .map((arg) => arg.replace(/^"?\$[A-Z_]+"?$/, "dev"));
      assert.doesNotThrow(() => parsers[match[1]!]!(args), `${run.path} (${run.job}): ${match[0]}`);
      checked++;
    }
  }
  assert.ok(checked >= 4, `found ${checked} invocations`);
});
