/**
 * Each role trusts GitHub's OIDC provider for exactly the workflow context that assumes it:
 * the controller role a job in the matching GitHub environment, the plan role pull requests,
 * the CI roles pushes to main.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { list, loadPolicy } from "./policy_documents.ts";
import { REPO_ROOT } from "./sdk_calls.ts";

const PROVIDER = "arn:aws:iam::<ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com";
const workflow = async (name: string) =>
  parse(await Deno.readTextFile(join(REPO_ROOT, ".github/workflows", name)));

const SUBJECTS: Record<string, string> = {
  "controller-trust-policy.json": "repo:<OWNER>/<REPO>:environment:<ENVIRONMENT>",
  "plan-readonly-trust-policy.json": "repo:<OWNER>/<REPO>:pull_request",
  "ci-artifacts-trust-policy.json": "repo:<OWNER>/<REPO>:ref:refs/heads/main",
  "ci-ecr-push-trust-policy.json": "repo:<OWNER>/<REPO>:ref:refs/heads/main",
};

Deno.test("every trust policy admits only GitHub's OIDC tokens for sts, with an exact subject", async () => {
  for (const [file, subject] of Object.entries(SUBJECTS)) {
    const policy = await loadPolicy(file);
    assert.equal(policy.Statement.length, 1, file);
    const [statement] = policy.Statement;
    assert.deepEqual(statement!.Principal, { Federated: PROVIDER }, file);
    assert.deepEqual(list((statement as { Action?: string }).Action), [
      "sts:AssumeRoleWithWebIdentity",
    ], file);
    assert.deepEqual(statement!.Condition, {
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": subject,
      },
    }, file);
    const text = await Deno.readTextFile(join(REPO_ROOT, "manifests/iam", file));
    assert.deepEqual(
      [...new Set(text.match(/<[A-Z_]+>/g))].sort(),
      subject.includes("<ENVIRONMENT>")
        ? ["<ACCOUNT_ID>", "<ENVIRONMENT>", "<OWNER>", "<REPO>"]
        : ["<ACCOUNT_ID>", "<OWNER>", "<REPO>"],
      `${file}: only the documented placeholders`,
    );
  }
});

Deno.test("the subjects match how the workflows run the jobs that assume each role", async () => {
  const reconcile = (await workflow("reconcile.yml")).jobs.reconcile;
  assert.equal(
    reconcile.environment,
    "${{ matrix.environment }}",
    "controller: environment subject",
  );
  const ci = await workflow("ci.yml");
  assert.equal(
    ci.jobs.plan.environment,
    undefined,
    "plan: a pull_request subject needs no environment",
  );
  assert.ok("pull_request" in ci.on);
  for (const name of ["build-lambdas.yml", "build-inference.yml"]) {
    const doc = await workflow(name);
    assert.deepEqual(Object.keys(doc.on).sort(), ["push", "workflow_dispatch"], name);
    assert.deepEqual(doc.on.push.branches, ["main"], name);
    for (const job of Object.values(doc.jobs) as { environment?: unknown }[]) {
      assert.equal(job.environment, undefined, `${name}: a ref subject needs no environment`);
    }
  }
});
