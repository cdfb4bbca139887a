/**
 * The local servers of the Lambda services, started exactly as `deno task serve <name>` runs
 * them (command line read from deno.json), called over HTTP, then stopped with SIGTERM.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

async function startServe(name: string, env: Record<string, string> = {}) {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const [, ...args] = (config.tasks.serve as string).split(/\s+/);
  const child = new Deno.Command(Deno.execPath(), {
    args: [...args, name],
    cwd: ROOT,
    env: { PORT: "0", NO_COLOR: "1", LOG_LEVEL: "info", ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`serve ${name} exited: ${await new Response(child.stderr).text()}`);
    buffer += value;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer)?.[1];
    if (url) {
      const drain = (async () => {
        while (!(await lines.read()).done) { /* keep the pipe flowing */ }
      })();
      return {
        url,
        async stop() {
          child.kill("SIGTERM");
          const status = await child.status;
          await drain;
          await child.stderr.cancel();
          return status;
        },
      };
    }
  }
}

Deno.test("deno task serve feedback runs with an embedded DynamoDB and exits 0 on SIGTERM", async () => {
  const server = await startServe("feedback");
  const body = {
    text: "Oil falls",
    predicted: "World",
    correct: "Business",
    modelVersion: "v1",
    requestId: "s-1",
  };
  const post = () =>
    fetch(`${server.url}/v1/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const first = await post();
  assert.equal(first.status, 201, await first.text());
  const again = await post();
  assert.equal(again.status, 200);
  await again.body?.cancel();
  const stats = await (await fetch(`${server.url}/v1/feedback/stats`)).json();
  assert.equal(stats.total, 1);
  assert.equal((await server.stop()).code, 0);
});

Deno.test("deno task serve model lists the repository's model cards", async () => {
  const server = await startServe("model", { DEPLOYMENTS_SOURCE: "manifests" });
  const { models } = await (await fetch(`${server.url}/v1/models`)).json();
  assert.ok(models.length >= 1);
  const deployments = await (await fetch(`${server.url}/v1/deployments`)).json();
  assert.ok(deployments.deployments.length >= 2);
  assert.equal((await server.stop()).code, 0);
});

Deno.test("deno task serve evaluation reads the held-out slice and rejects a bad request", async () => {
  const server = await startServe("evaluation", { MIN_ACCURACY: "0.9" });
  const health = await (await fetch(`${server.url}/healthz`)).json();
  assert.deepEqual(health, { status: "ok", heldOutExamples: 950 });
  const bad = await fetch(`${server.url}/v1/evaluations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoint: "not a url" }),
  });
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
  assert.equal((await server.stop()).code, 0);
});

Deno.test("deno task serve evaluation refuses to start with an invalid threshold", async () => {
  await assert.rejects(
    () => startServe("evaluation", { MIN_ACCURACY: "90" }),
    /MIN_ACCURACY must be a fraction/,
  );
});
