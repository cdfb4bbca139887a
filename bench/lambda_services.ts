/**
 * Lambda services: package build time and size, cold start of a packaged handler (import +
 * first invocation) under node and Deno, and warm invocation latency through the Lambda adapter.
 */
import { lambdaHandler, toHttpEvent } from "../services/lambda/mod.ts";
import { createApp as createFeedbackApp } from "../services/feedback/app.ts";
import { MemoryFeedbackStore } from "../services/feedback/memory_store.ts";
import { buildPackage, PACKAGE_NAMES } from "../services/packaging/mod.ts";
import { extractToTaskRoot, nodeAvailable } from "../services/packaging/testing.ts";
import { percentile } from "./stats.ts";

const fmt = (ms: number) => ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`;

const event = (path: string, body?: unknown) =>
  toHttpEvent(
    new Request(`https://x.lambda-url.eu-west-1.on.aws${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    }),
  );

const NODE_COLD_START = `
const t0 = performance.now();
const { handler } = await import(process.argv[2] + "/index.mjs");
const t1 = performance.now();
await handler(JSON.parse(process.argv[3]), { awsRequestId: "b" });
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstInvokeMs: t2 - t1 }));
`;

export async function run(): Promise<void> {
  console.log("## Lambda services");
  const built = new Map<string, Awaited<ReturnType<typeof buildPackage>>>();
  for (const name of PACKAGE_NAMES) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      built.set(name, await buildPackage(name));
      times.push(performance.now() - t);
    }
    const pkg = built.get(name)!;
    console.log(
      `package ${name.padEnd(10)} build median ${fmt(percentile(times, 50))}  zip ${
        (pkg.bytes.length / 1024).toFixed(0)
      } KiB`,
    );
  }

  const taskRoot = await extractToTaskRoot(built.get("model")!.bytes);
  try {
    const card = built.get("model")!.files.find((f) => f.startsWith("data/model_cards/"));
    const models = JSON.parse(await Deno.readTextFile(`${taskRoot}/${card}`));
    const probe = await event(`/v1/models/${models.shortVersion}`);
    if (await nodeAvailable()) {
      const script = `${taskRoot}/../bench-cold-${crypto.randomUUID()}.mjs`;
      await Deno.writeTextFile(script, NODE_COLD_START);
      const runs: { importMs: number; firstInvokeMs: number }[] = [];
      for (let i = 0; i < 5; i++) {
        const out = await new Deno.Command("node", {
          args: ["--no-warnings", script, taskRoot, JSON.stringify(probe)],
          env: { LOG_LEVEL: "warn" },
          stdout: "piped",
        }).output();
        runs.push(JSON.parse(new TextDecoder().decode(out.stdout)));
      }
      await Deno.remove(script);
      console.log(
        `model ZIP cold start under node (5 runs, median): import ${
          fmt(percentile(runs.map((r) => r.importMs), 50))
        }, first invocation ${fmt(percentile(runs.map((r) => r.firstInvokeMs), 50))}`,
      );
    }
    Deno.env.set("LOG_LEVEL", "warn");
    const t0 = performance.now();
    const { handler } = await import(`file://${taskRoot}/index.mjs`);
    const t1 = performance.now();
    await handler(probe, {});
    const t2 = performance.now();
    console.log(
      `model ZIP cold start under Deno: import ${fmt(t1 - t0)}, first invocation ${fmt(t2 - t1)}`,
    );
    const warm: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      await handler(probe, {});
      warm.push(performance.now() - t);
    }
    console.log(
      `model ZIP warm GET /v1/models/{v} (2000): p50 ${fmt(percentile(warm, 50))}, p99 ${
        fmt(percentile(warm, 99))
      }`,
    );
  } finally {
    await Deno.remove(taskRoot, { recursive: true });
  }

  const feedback = lambdaHandler(
    createFeedbackApp({ store: new MemoryFeedbackStore(), log: () => {} }),
  );
  const posts: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const ev = await event("/v1/feedback", {
      text: "Stocks rally as oil prices fall",
      predicted: "World",
      correct: "Business",
      modelVersion: "v1",
      requestId: `b-${i}`,
    });
    const t = performance.now();
    const res = await feedback(ev);
    posts.push(performance.now() - t);
    if (res.statusCode !== 201) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
  }
  console.log(
    `feedback POST through the Lambda adapter, memory store (2000): p50 ${
      fmt(percentile(posts, 50))
    }, p99 ${fmt(percentile(posts, 99))}`,
  );
}

if (import.meta.main) await run();
