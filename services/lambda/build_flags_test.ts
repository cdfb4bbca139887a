import assert from "node:assert/strict";
import { BUILD_FLAGS_FILE, packagedApp, parseBuildFlags } from "./build_flags.ts";

const ok = { fetch: () => new Response("ok") };

async function taskRootWith(flags?: unknown): Promise<URL> {
  const dir = await Deno.makeTempDir();
  if (flags !== undefined) {
    await Deno.mkdir(`${dir}/data`);
    await Deno.writeTextFile(`${dir}/${BUILD_FLAGS_FILE}`, JSON.stringify(flags));
  }
  return new URL(`file://${dir}/`);
}

Deno.test("packagedApp() leaves the app alone when the package has no build flags", async () => {
  const root = await taskRootWith();
  assert.equal(await packagedApp(ok, root), ok);
  await Deno.remove(root, { recursive: true });
});

Deno.test("packagedApp() answers the failureRate share of requests with an injected 500", async () => {
  const root = await taskRootWith({ failureRate: 0.25 });
  let i = 0;
  const draws = [0.1, 0.3, 0.24, 0.9];
  const app = await packagedApp(ok, root, { random: () => draws[i++ % draws.length]! });
  const statuses = [];
  for (let n = 0; n < 4; n++) statuses.push((await app.fetch(new Request("http://x/"))).status);
  assert.deepEqual(statuses, [500, 200, 500, 200]);
  const body = await (await app.fetch(new Request("http://x/"))).json();
  assert.equal(body.error.code, "injected_fault");
  await Deno.remove(root, { recursive: true });
});

Deno.test("parseBuildFlags() rejects rates outside (0, 1] and unknown flags", () => {
  assert.deepEqual(parseBuildFlags({}), {});
  assert.deepEqual(parseBuildFlags({ label: "2026-11-26.1", failureRate: 0.5 }), {
    label: "2026-11-26.1",
    failureRate: 0.5,
  });
  assert.throws(() => parseBuildFlags({ label: "a b" }), /label must be 1-64 letters/);
  assert.throws(() => parseBuildFlags({ label: "" }), /label must be 1-64 letters/);
  assert.throws(
    () => parseBuildFlags({ failureRate: 0 }),
    /failureRate must be a number in \(0, 1\], got 0/,
  );
  assert.throws(() => parseBuildFlags({ failureRate: "0.5" }), /got "0.5"/);
  assert.throws(() => parseBuildFlags({ latency: 5 }), /unknown build flag\(s\): latency/);
  assert.throws(() => parseBuildFlags([]), /must be a JSON object/);
});
