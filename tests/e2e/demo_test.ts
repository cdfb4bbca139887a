/**
 * `deno task demo` as a test: the whole product from a clean temporary state — both
 * environments bootstrapped, a healthy feedback revision promoted by its canary, a broken one
 * rolled back and quarantined, an inference canary gated by the evaluation service — judged
 * from `status -o json`, and nothing left running or on disk afterwards, also when interrupted.
 */
import assert from "node:assert/strict";
import { CANARY_IMAGE, runDemo } from "../../tools/demo/demo.ts";
import { judgeRelease } from "../../tools/demo/outcome.ts";

const REPO = new URL("../../", import.meta.url).pathname;

Deno.test({
  name:
    "the demo promotes a healthy canary, rolls back and quarantines a broken one, gates inference on evaluation, and leaves nothing running",
  // Local AWS and the controller run for real; the demo stops them itself (asserted below).
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const since = Date.now();
    const lines: string[] = [];
    const report = await runDemo({ print: (line) => lines.push(line) });
    const log = lines.join("\n");

    // Whatever the stages did, everything the demo started is gone.
    assert.deepEqual(report.cleanupErrors, []);
    assert.ok(report.taskPids.length > 0, `ECS tasks ran as processes\n${log}`);
    for (const pid of report.taskPids) assert.equal(await isRunning(pid), false, `task ${pid}`);
    assert.deepEqual(await startedSince(since), [], "processes the demo started still run");
    await assert.rejects(Deno.stat(report.workspace), Deno.errors.NotFound);
    assert.ok(report.requests > 0, "traffic flowed");

    const stage = (prefix: string) => {
      const found = report.stages.find((s) => s.name.startsWith(prefix));
      assert.ok(found, `no stage ${prefix} in ${report.stages.map((s) => s.name)}\n${log}`);
      assert.ok(found.status && found.judged || prefix === "bootstrap", `${prefix}\n${log}`);
      return found;
    };
    assert.ok(stage("bootstrap").ok, log);

    const healthy = stage("feedback canary: a healthy");
    assert.equal(healthy.judged?.outcome, "promoted", log);
    // two analysis steps; a passing run is last seen Running (its last pass moves on at once)
    assert.equal(healthy.judged?.analysis.length, 2, `promoted by analysis\n${log}`);
    assert.ok(healthy.judged?.analysis.every((p) => p === "Running" || p === "Successful"), log);
    assert.deepEqual(healthy.status?.live.map((slice) => slice.weight), [100]);

    const broken = stage("feedback canary: a broken");
    assert.equal(broken.status?.health, "Degraded", log);
    assert.equal(broken.judged?.outcome, "rolledBack", log);
    assert.equal(broken.judged?.desiredWeight, 0);
    assert.ok(broken.judged?.analysis.includes("Failed"), `rolled back by the analysis\n${log}`);
    // after a further reconcile pass, the final status: rolled back, quarantined
    assert.equal(judgeRelease(broken.status!).outcome, "rolledBack", log);
    assert.equal(judgeRelease(broken.status!).quarantined, true, log);
    assert.equal(
      broken.status?.live[0]?.revision?.slice(0, 19),
      healthy.status?.desiredRevision.slice(0, 19),
      "rolled back to the revision promoted before",
    );

    const inference = stage("inference canary");
    assert.equal(inference.status?.desiredRevision, CANARY_IMAGE);
    assert.equal(inference.judged?.outcome, "promoted", log);
    assert.ok(inference.judged?.analysis.length, `gated on the evaluation verdict\n${log}`);
    assert.ok(
      inference.judged?.analysis.every((p) => p === "Running" || p === "Successful"),
      log,
    );

    assert.ok(report.stages.every((s) => s.ok), log);
  },
});

Deno.test({
  name: "an interrupted demo (Ctrl-C) stops everything it started and removes its workspace",
  async fn() {
    const since = Date.now();
    const config = JSON.parse(await Deno.readTextFile(`${REPO}deno.json`));
    const flags = String(config.tasks.demo).split(/\s+/).filter((f) => f.startsWith("--allow-"));
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", ...flags, `${REPO}tools/demo/main.ts`],
      cwd: REPO,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("━━ feedback canary")) {
      const { value, done } = await stdout.read();
      if (done) break;
      seen += value;
    }
    child.kill("SIGINT");
    const rest = (async () => {
      for (;;) {
        const { value, done } = await stdout.read();
        if (done) return;
        seen += value;
      }
    })();
    const stderr = new Response(child.stderr).text();
    const status = await child.status;
    await rest;
    const errors = await stderr;
    assert.equal(status.code, 130, `${seen}\n${errors}`);
    assert.match(errors, /interrupted/);
    const workspace = /workspace: (\S+)/.exec(seen)?.[1];
    assert.ok(workspace, seen);
    await assert.rejects(Deno.stat(workspace), Deno.errors.NotFound);
    assert.deepEqual(await startedSince(since), [], "processes the demo started still run");
  },
});

/**
 * Processes of this process group (children stay in it unless they detach) started since
 * `since` (wall clock), other than this process and its ancestors; read with `ps`, since Deno
 * needs --allow-all for /proc.
 */
async function startedSince(since: number): Promise<string[]> {
  const out = await new Deno.Command("ps", {
    args: ["-eo", "pid=,ppid=,pgid=,etimes=,stat=,args="],
    stdout: "piped",
  }).output();
  const rows = new TextDecoder().decode(out.stdout).split("\n").flatMap((line) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    return m
      ? [{
        pid: Number(m[1]),
        ppid: Number(m[2]),
        pgid: Number(m[3]),
        age: Number(m[4]),
        state: m[5]!,
        args: m[6]!,
      }]
      : [];
  });
  const byPid = new Map(rows.map((row) => [row.pid, row]));
  const self = byPid.get(Deno.pid);
  assert.ok(self, "ps does not list this process");
  const ancestors = new Set<number>();
  for (let p = self.ppid; p > 1 && !ancestors.has(p); p = byPid.get(p)?.ppid ?? 0) {
    ancestors.add(p);
  }
  const ageLimit = (Date.now() - since) / 1000 + 1;
  return rows
    .filter((row) => row.pgid === self.pgid && row.pid !== Deno.pid && !ancestors.has(row.pid))
    .filter((row) => row.age <= ageLimit && !row.state.startsWith("Z"))
    .filter((row) => !/\bps -eo /.test(row.args))
    .map((row) => `${row.pid} ${row.args}`);
}

async function isRunning(pid: number): Promise<boolean> {
  const out = await new Deno.Command("ps", {
    args: ["-o", "stat=", "-p", String(pid)],
    stdout: "piped",
  }).output();
  const state = new TextDecoder().decode(out.stdout).trim();
  return state !== "" && !state.startsWith("Z");
}
