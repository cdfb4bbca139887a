/**
 * Least privilege and hygiene in every workflow: read-only by default, write scopes only on the
 * jobs that need them, OIDC instead of stored AWS keys, no expression spliced into a shell.
 */
import assert from "node:assert/strict";
import { isWorkflow, loadWorkflowFiles, runEntries, stepsOf } from "./workflow_files.ts";

const files = await loadWorkflowFiles();
const workflows = files.filter(isWorkflow);
// deno-lint-ignore no-explicit-any
const jobsOf = (doc: any): [string, any][] => Object.entries(doc.jobs ?? {});

Deno.test("every workflow defaults to contents: read and nothing else", () => {
  for (const file of workflows) {
    assert.deepEqual(file.doc.permissions, { contents: "read" }, file.path);
  }
});

Deno.test("id-token: write only on jobs that assume an AWS role, and they all use OIDC", () => {
  for (const file of workflows) {
    for (const [id, job] of jobsOf(file.doc)) {
      const assumesRole = (job.steps ?? []).some((step: { uses?: string }) =>
        step.uses?.startsWith("aws-actions/configure-aws-credentials@")
      );
      assert.equal(job.permissions?.["id-token"] === "write", assumesRole, `${file.path} ${id}`);
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith("aws-actions/configure-aws-credentials@")) continue;
        assert.ok(step.with?.["role-to-assume"], `${file.path} ${id}: role-to-assume`);
        assert.equal(
          step.with?.["aws-access-key-id"],
          undefined,
          `${file.path} ${id}: no stored keys`,
        );
      }
    }
  }
});

Deno.test("write scopes appear only where a job writes: pull-request comments", () => {
  const writes = workflows.flatMap((file) =>
    jobsOf(file.doc).flatMap(([id, job]) =>
      Object.entries(job.permissions ?? {}).filter(([scope, level]) =>
        level === "write" && scope !== "id-token"
      ).map(([scope]) => `${file.path} ${id} ${scope}`)
    )
  );
  assert.deepEqual(writes, [".github/workflows/ci.yml plan pull-requests"]);
});

Deno.test("no run: script splices a ${{ }} expression into the shell", () => {
  const spliced = files.flatMap(runEntries).filter((run) => run.script.includes("${{"))
    .map((run) => `${run.path} (${run.job} / ${run.step})`);
  assert.deepEqual(spliced, []);
});

Deno.test("checkouts keep no credentials on disk", () => {
  const persisting = files.flatMap((file) =>
    stepsOf(file).filter(({ step }) => String(step.uses ?? "").startsWith("actions/checkout@"))
      .filter(({ step }) => step.with?.["persist-credentials"] !== false)
      .map(({ job }) => `${file.path} ${job}`)
  );
  assert.deepEqual(persisting, []);
});

Deno.test("every job has a timeout", () => {
  const unbounded = workflows.flatMap((file) =>
    jobsOf(file.doc).filter(([, job]) => typeof job["timeout-minutes"] !== "number")
      .map(([id]) => `${file.path} ${id}`)
  );
  assert.deepEqual(unbounded, []);
});

Deno.test("pull requests are opened with the release bot's token, so CI runs on them", () => {
  for (const file of workflows) {
    for (const [id, job] of jobsOf(file.doc)) {
      for (const step of job.steps ?? []) {
        if (!String(step.uses ?? "").startsWith("peter-evans/create-pull-request@")) continue;
        assert.equal(step.with?.token, "${{ steps.app.outputs.token }}", `${file.path} ${id}`);
      }
    }
  }
});

Deno.test("every workflow runs its scripts as shell: bash, so a failure inside a pipe fails the step", () => {
  for (const file of workflows) {
    assert.equal(file.doc.defaults?.run?.shell, "bash", file.path);
  }
});
