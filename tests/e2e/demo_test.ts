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
    const since = await nowTicks();
    const lines: string[] = [];
    const report = await runDemo({ print: (line) => lines.push(line) });
    const log = lines.join("\n");

    const stage = (prefix: string) => {
      const found = report.stages.find((s) => s.name.startsWith(prefix));
      assert.ok(found, `no stage ${prefix} in ${report.stages.map((s) => s.name)}\n${log}`);
      return found;
    };
    assert.ok(stage("bootstrap").ok, log);

    const healthy = stage("feedback canary: a healthy").status;
    assert.ok(healthy, log);
    assert.equal(judgeRelease(healthy).outcome, "promoted", log);
    assert.ok(judgeRelease(healthy).analysis.includes("Successful"), "promoted by analysis");
    assert.deepEqual(healthy.live.map((slice) => slice.weight), [100]);

    const broken = stage("feedback canary: a broken").status;
    assert.ok(broken, log);
    assert.equal(broken.health, "Degraded", log);
    const rolledBack = judgeRelease(broken);
    assert.equal(rolledBack.outcome, "rolledBack", log);
    assert.equal(rolledBack.desiredWeight, 0);
    assert.equal(rolledBack.quarantined, true, log);
    assert.ok(rolledBack.analysis.includes("Failed"), "rolled back by the analysis");
    assert.equal(
      broken.live[0]?.revision?.slice(0, 19),
      healthy.desiredRevision.slice(0, 19),
      "rolled back to the revision promoted before",
    );

    const inference = stage("inference canary").status;
    assert.ok(inference, log);
    assert.equal(inference.desiredRevision, CANARY_IMAGE);
    assert.equal(judgeRelease(inference).outcome, "promoted", log);
    assert.deepEqual(judgeRelease(inference).analysis, ["Successful"], "gated on evaluation");

    assert.ok(report.stages.every((s) => s.ok), log);
    assert.ok(report.requests > 0, "traffic flowed");
    assert.ok(report.taskPids.length > 0, "ECS tasks ran as processes");
    for (const pid of report.taskPids) assert.equal(await isRunning(pid), false, `task ${pid}`);
    assert.deepEqual(await startedSince(since), [], "processes the demo started still run");
    await assert.rejects(Deno.stat(report.workspace), Deno.errors.NotFound);
  },
});

Deno.test({
  name: "an interrupted demo (Ctrl-C) stops everything it started and removes its workspace",
  async fn() {
    const since = await nowTicks();
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

/** Processes of this process group (children keep it) started after `ticks`, except this one. */
async function startedSince(ticks: number): Promise<string[]> {
  const group = (await stat(Deno.pid))!.pgrp;
  const found: string[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    const info = await stat(pid);
    if (!info || info.pgrp !== group || info.start < ticks || info.state === "Z") continue;
    const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`).catch(() => "");
    found.push(`${pid} ${cmdline.replaceAll("\0", " ").trim()}`);
  }
  return found;
}

/** Clock ticks since boot (the unit of a process's start time; USER_HZ is 100 on Linux). */
async function nowTicks(): Promise<number> {
  const uptime = Number((await Deno.readTextFile("/proc/uptime")).split(" ")[0]);
  return Math.floor(uptime * 100);
}

async function isRunning(pid: number): Promise<boolean> {
  const info = await stat(pid);
  return info !== null && info.state !== "Z";
}

/** Fields of `/proc/<pid>/stat` (after the parenthesised command name). */
async function stat(pid: number): Promise<{ state: string; pgrp: number; start: number } | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // state is field 3, pgrp field 5, starttime field 22 (1-based, as in proc(5))
  return { state: fields[0]!, pgrp: Number(fields[2]), start: Number(fields[19]) };
}
