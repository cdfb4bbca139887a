/**
 * ci.yml splits `deno task ok` into parallel jobs; this keeps the split honest: together the
 * jobs run every test in the repository, and the gate job waits for all of them.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import {
  loadWorkflowFiles,
  REPO_ROOT,
  runEntries,
  testRunCovers,
  testRunsIn,
} from "./workflow_files.ts";

const ci = (await loadWorkflowFiles()).find((file) => file.path === ".github/workflows/ci.yml")!;
const testRuns = runEntries(ci).flatMap((run) => testRunsIn(run.script));
const IGNORED = new Set([".git", "node_modules", "dist", ".local-aws", "coverage"]);

async function testFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (IGNORED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) found.push(...await testFiles(path));
    else if (/_test\.(ts|tsx|js|mjs)$/.test(entry.name)) found.push(relative(REPO_ROOT, path));
  }
  return found;
}

Deno.test("ci.yml's test jobs together run every *_test.ts in the repository exactly once", async () => {
  const files = await testFiles(REPO_ROOT);
  assert.ok(files.length > 10);
  const runsOf = (file: string) => testRuns.filter((run) => testRunCovers(run, file)).length;
  const wrong = files.filter((file) => runsOf(file) !== 1).map((f) => `${f}: ${runsOf(f)} jobs`);
  assert.deepEqual(wrong, []);
});

Deno.test("every path ci.yml tests or ignores exists", () => {
  assert.ok(testRuns.length >= 4);
  const paths = testRuns.flatMap((run) => [...run.paths, ...run.ignore]);
  assert.deepEqual(paths.filter((path) => !existsSync(join(REPO_ROOT, path))), []);
});

Deno.test("testRunCovers() follows deno test's paths and --ignore", () => {
  const [rest] = testRunsIn("deno task test --ignore=services/,ml/");
  assert.ok(testRunCovers(rest!, "tools/traffic/tally_test.ts"));
  assert.ok(!testRunCovers(rest!, "services/feedback/app_test.ts"));
  const [lambdas] = testRunsIn("deno task test --ignore=services/inference/ services/");
  assert.ok(testRunCovers(lambdas!, "services/serve_lambda_services_test.ts"));
  assert.ok(!testRunCovers(lambdas!, "services/inference/app_test.ts"));
  assert.ok(!testRunCovers(lambdas!, "controller/main_test.ts"));
});

Deno.test("the ok job needs every other job that runs part of deno task ok", () => {
  const jobs = Object.keys(ci.doc.jobs);
  const gateParts = jobs.filter((id) =>
    id !== "ok" &&
    runEntries({ ...ci, doc: { jobs: { [id]: ci.doc.jobs[id] } } }).some((run) =>
      /\bdeno (fmt|lint|check|task test)\b/.test(run.script)
    )
  );
  assert.deepEqual([...ci.doc.jobs.ok.needs].sort(), gateParts.sort());
  assert.equal(ci.doc.jobs.ok.if, "always()");
});
