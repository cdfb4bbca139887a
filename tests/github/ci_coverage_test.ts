/**
 * ci.yml splits `deno task ok` into parallel jobs; this keeps the split honest: together the
 * jobs run every test in the repository, and the gate job waits for all of them.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { loadWorkflowFiles, REPO_ROOT, runEntries, testPathsIn } from "./workflow_files.ts";

const ci = (await loadWorkflowFiles()).find((file) => file.path === ".github/workflows/ci.yml")!;
const testPaths = runEntries(ci).flatMap((run) => testPathsIn(run.script));
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

Deno.test("ci.yml's test jobs together run every *_test.ts in the repository", async () => {
  const covered = (file: string) =>
    testPaths.some((path) =>
      file === path || file.startsWith(path.endsWith("/") ? path : `${path}/`)
    );
  const uncovered = (await testFiles(REPO_ROOT)).filter((file) => !covered(file)).sort();
  assert.deepEqual(uncovered, []);
});

Deno.test("every path ci.yml tests exists", () => {
  assert.ok(testPaths.length >= 4);
  assert.deepEqual(testPaths.filter((path) => !existsSync(join(REPO_ROOT, path))), []);
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
