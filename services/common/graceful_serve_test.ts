import assert from "node:assert/strict";
import { serveGracefully } from "./graceful_serve.ts";

function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = () => {};
  return fn().finally(() => (console.log = original));
}

Deno.test("drain() finishes in-flight requests, answers new ones 503, then closes", () =>
  quietly(async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    const server = serveGracefully({
      fetch: async () => {
        started();
        await gate;
        return new Response("done");
      },
    }, { port: 0, name: "test" });
    const url = `http://127.0.0.1:${server.port}/`;
    const slow = fetch(url);
    await inHandler;
    const drained = server.drain();
    assert.equal(server.draining(), true);
    const rejected = await fetch(url);
    assert.equal(rejected.status, 503);
    assert.equal((await rejected.json()).error.code, "shutting_down");
    release();
    const res = await slow;
    assert.equal(await res.text(), "done");
    await drained;
    await server.finished;
    await assert.rejects(fetch(url));
  }));

Deno.test("drain() stops waiting for a slow request after drainTimeoutMs", () =>
  quietly(async () => {
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    const server = serveGracefully({
      fetch: async () => {
        started();
        await new Promise((r) => setTimeout(r, 400));
        return new Response("late");
      },
    }, { port: 0, name: "test", drainTimeoutMs: 50 });
    const slow = fetch(`http://127.0.0.1:${server.port}/`).then((r) => r.text(), () => "failed");
    await inHandler;
    const t0 = performance.now();
    await server.drain();
    await server.finished;
    const waited = performance.now() - t0;
    assert.ok(waited >= 45 && waited < 350, `drain took ${waited} ms`);
    await slow;
    await new Promise((r) => setTimeout(r, 50));
  }));
