/**
 * Inference service benchmark (issue 6). In one process tree on this machine, each server
 * in its own child process and autocannon in this one, 50 connections, 10 s after a 2 s
 * warm-up:
 *   1. a bare Deno.serve returning fixed JSON (the HTTP stack's ceiling),
 *   2. POST /v1/classify with real AG News test texts,
 *   3. POST /v1/classify/batch with 64 texts per request (documents/s),
 * then single-connection latency (sequential keep-alive requests), cold start (spawn to
 * the first 200 from /readyz) and the server's resident memory.
 *
 * `deno run -A bench/inference.ts [--duration 10] [--connections 50]`
 */
import autocannon from "autocannon";
import { parseArgs } from "node:util";
import { readAgNews } from "../ml/dataset.ts";
import { percentile } from "./stats.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const DATA = `${ROOT}../shared/data/ag_news/test.csv`;

interface Child {
  readonly process: Deno.ChildProcess;
  readonly url: string;
  readonly spawnedAt: number;
}

async function spawnServer(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const spawnedAt = performance.now();
  const process = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { PORT: "0", NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = process.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server ${args.join(" ")} exited before listening`);
    buffer += value;
    const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(buffer)?.[1];
    if (url !== undefined) {
      (async () => {
        while (!(await reader.read()).done) { /* drain logs */ }
      })();
      return { process, url, spawnedAt };
    }
  }
}

async function stop(child: Child): Promise<void> {
  child.process.kill("SIGTERM");
  await child.process.status;
}

async function serveTaskArgs(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const [, ...args] = (config.tasks.serve as string).split(/\s+/);
  return [...args, "inference"];
}

/** Milliseconds from spawn until /readyz first answers 200 (polled every 2 ms). */
async function coldStart(): Promise<{ ms: number; child: Child }> {
  const spawnedAt = performance.now();
  const child = await spawnServer(await serveTaskArgs());
  for (;;) {
    const res = await fetch(`${child.url}/readyz`).catch(() => undefined);
    await res?.body?.cancel();
    if (res?.status === 200) return { ms: performance.now() - spawnedAt, child };
    await new Promise((r) => setTimeout(r, 2));
  }
}

interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

type Request = {
  method: "POST" | "GET";
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

async function load(
  url: string,
  requests: Request[],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const opts = { url, connections, pipelining: 1, requests };
  await autocannon({ ...opts, duration: 2 });
  const r = await autocannon({ ...opts, duration: seconds });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Sequential keep-alive requests on one connection; latency percentiles in ms. */
async function singleConnection(url: string, bodies: string[], count: number) {
  const times: number[] = [];
  for (let i = 0; i < count + 200; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/classify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: bodies[i % bodies.length]!,
    });
    await res.arrayBuffer();
    if (i >= 200) times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function rssMiB(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function run(
  options: { duration?: number; connections?: number } = {},
): Promise<void> {
  const seconds = options.duration ?? 10;
  const connections = options.connections ?? 50;
  const rows = (await readAgNews(DATA)).rows;
  const json = { "content-type": "application/json" };
  const singles: Request[] = rows.slice(0, 1000).map((r) => ({
    method: "POST",
    path: "/v1/classify",
    headers: json,
    body: JSON.stringify({ title: r.title, text: r.text }),
  }));
  const batches: Request[] = Array.from({ length: 50 }, (_, b) => ({
    method: "POST",
    path: "/v1/classify/batch",
    headers: json,
    body: JSON.stringify({
      items: rows.slice(b * 64, b * 64 + 64).map((r) => ({ title: r.title, text: r.text })),
    }),
  }));

  console.log(
    `inference benchmark: ${connections} connections, ${seconds} s per run after 2 s warm-up`,
  );
  const bare = await spawnServer([
    "run",
    "--allow-net=127.0.0.1",
    "--allow-env=PORT",
    "bench/bare_server.ts",
  ]);
  const ceiling = await load(bare.url, [{ method: "GET", path: "/" }], seconds, connections);
  await stop(bare);

  const { ms: coldMs, child: inference } = await coldStart();
  const rssIdle = await rssMiB(inference.process.pid);
  const single = await load(inference.url, singles, seconds, connections);
  const batch = await load(inference.url, batches, seconds, connections);
  const rssLoaded = await rssMiB(inference.process.pid);
  const oneConn = await singleConnection(inference.url, singles.map((s) => s.body!), 2000);
  await stop(inference);

  const row = (name: string, r: LoadResult, extra = "") =>
    console.log(
      `  ${name.padEnd(34)} ${fmt(r.rps).padStart(8)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms` +
        `  errors ${r.errors} non-2xx ${r.non2xx}${extra}`,
    );
  row("1. bare Deno.serve (fixed JSON)", ceiling);
  row("2. POST /v1/classify", single);
  row("3. POST /v1/classify/batch (64)", batch, `  = ${fmt(batch.rps * 64)} documents/s`);
  console.log(
    `  ratio (2)/(1): ${(single.rps / ceiling.rps).toFixed(3)}  (target >= 0.30, p99 < 10 ms)`,
  );
  console.log(
    `  single connection /v1/classify: p50 ${oneConn.p50.toFixed(3)} ms, p99 ${
      oneConn.p99.toFixed(3)
    } ms (target p50 < 0.5 ms)`,
  );
  console.log(`  cold start to /readyz 200: ${coldMs.toFixed(0)} ms (target < 300 ms)`);
  console.log(
    `  resident memory: ${rssIdle.toFixed(0)} MiB after start, ${
      rssLoaded.toFixed(0)
    } MiB after load`,
  );
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { duration: { type: "string" }, connections: { type: "string" } },
  });
  await run({
    ...(values.duration ? { duration: Number(values.duration) } : {}),
    ...(values.connections ? { connections: Number(values.connections) } : {}),
  });
}
