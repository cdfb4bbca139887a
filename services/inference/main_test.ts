import assert from "node:assert/strict";
import { startServer } from "./server_process_test_helper.ts";

Deno.test("deno task serve inference listens on 127.0.0.1, is ready and classifies", async () => {
  const server = await startServer();
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    await ready.body?.cancel();
    const res = await fetch(`${server.url}/v1/classify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: "Yankees beat Red Sox",
        text: "A home run in the ninth inning won the game.",
      }),
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).category, "Sports");
  } finally {
    server.child.kill("SIGTERM");
    await server.status;
  }
});

Deno.test("SIGTERM lets an in-flight request finish, then the server stops accepting and exits 0", async () => {
  const server = await startServer();
  const encoder = new TextEncoder();
  let push!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = c) });
  push.enqueue(encoder.encode('{"title":"Oil prices climb","te'));
  const inFlight = fetch(`${server.url}/v1/classify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  await new Promise((r) => setTimeout(r, 200)); // the request is now being read by the server
  server.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 200));
  push.enqueue(encoder.encode('xt":"Crude futures rose on supply worries and a weaker dollar."}'));
  push.close();
  const res = await inFlight;
  assert.equal(res.status, 200);
  assert.equal((await res.json()).category, "Business");
  const status = await server.status;
  assert.equal(status.code, 0);
  await assert.rejects(fetch(`${server.url}/healthz`));
  assert.ok(server.lines.some((l) => l.includes('"msg":"stopped"')), server.lines.join("\n"));
});

Deno.test("an unknown MODEL_VERSION stops the server with a clear message", async () => {
  const { serveTaskArgv } = await import("./server_process_test_helper.ts");
  const [, ...args] = await serveTaskArgv();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...args, "inference"],
    cwd: new URL("../../", import.meta.url).pathname,
    env: { PORT: "0", MODEL_VERSION: "000000000000", NO_COLOR: "1" },
  }).output();
  assert.equal(out.code, 1);
  assert.match(
    new TextDecoder().decode(out.stderr),
    /serve inference: .*000000000000: cannot read the model/,
  );
});
