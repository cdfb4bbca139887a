import assert from "node:assert/strict";
import { Hono } from "hono";
import { measureMetrics } from "./measure.ts";
import { metric } from "./testing.ts";
import { webProvider } from "./web_provider.ts";

/** A real HTTP server on a loopback port, closed when the test ends. */
function serve(app: Hono) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

function verdictApp() {
  const app = new Hono();
  const seen: string[] = [];
  app.get("/v1/verdict", (c) => {
    seen.push(c.req.url.replace(/^http:\/\/[^/]+/, "") + ` auth=${c.req.header("authorization")}`);
    const target = c.req.query("target");
    return c.json({ result: { accuracy: target === "stable" ? 0.915 : 0.91, sample: 500 } });
  });
  app.get("/null", (c) => c.json({ accuracy: null }));
  app.get("/text", (c) => c.text("<html>oops</html>"));
  app.get("/down", (c) => c.json({ error: "busy" }, 503));
  app.get("/slow", async (c) => {
    await new Promise((r) => setTimeout(r, 500));
    return c.json({ accuracy: 1 });
  });
  return { app, seen };
}

const now = Date.UTC(2026, 10, 26, 9, 0, 0);
const versions = { canary: "ml-news-inference:1.1.0", stable: "ml-news-inference:1.0.0" };

Deno.test("webProvider() reads canary and stable values through {{target}} and the JSON path", async () => {
  const { app, seen } = verdictApp();
  await using server = serve(app);
  const quality = metric({
    provider: {
      web: {
        url: "{{env.EVALUATION_URL}}/v1/verdict?target={{target}}&version={{version}}",
        jsonPath: "$.result.accuracy",
        headers: { authorization: "Bearer t" },
      },
    },
    successCondition: "result >= stable - 0.01",
  });
  const provider = webProvider({ env: { EVALUATION_URL: server.url } });
  const [measurement] = await measureMetrics([{ metric: quality, since: now - 60_000 }], {
    providers: { web: provider },
    target: {},
    versions,
    now,
  });
  assert.deepEqual(measurement, {
    metric: "t/m",
    at: now,
    value: 0.91,
    stableValue: 0.915,
    samples: 1,
    phase: "Successful",
    message: "result=0.91 stable=0.915: result >= stable - 0.01",
  });
  assert.deepEqual(seen, [
    "/v1/verdict?target=canary&version=ml-news-inference:1.1.0 auth=Bearer t",
    "/v1/verdict?target=stable&version=ml-news-inference:1.0.0 auth=Bearer t",
  ]);
});

Deno.test("webProvider() failures become Error or Inconclusive measurements with the reason", async () => {
  const { app } = verdictApp();
  await using server = serve(app);
  const provider = webProvider({ env: { BASE: server.url } });
  const cases: [string, string, string, RegExp][] = [
    ["{{env.BASE}}/null", "$.accuracy", "Inconclusive", /0 sample\(s\) < minSamples 1/],
    ["{{env.BASE}}/text", "$.accuracy", "Error", /expected JSON, found "<html>oops<\/html>"/],
    ["{{env.BASE}}/down", "$.accuracy", "Error", /HTTP 503 \{"error":"busy"\}/],
    ["{{env.BASE}}/v1/verdict", "$.result.missing", "Error", /\$\.result\.missing does not exist/],
    ["{{env.NOPE}}/x", "$.a", "Error", /environment variable NOPE is not set/],
    ["{{env.BASE}}/slow", "$.accuracy", "Error", /no response within 200ms/],
    ["http://127.0.0.1:1/refused", "$.a", "Error", /GET http:\/\/127\.0\.0\.1:1\/refused: /],
  ];
  for (const [url, jsonPath, phase, message] of cases) {
    const m = metric({
      provider: { web: { url, jsonPath, timeout: "200ms" } },
      successCondition: "result > 0",
    });
    const [measurement] = await measureMetrics([{ metric: m, since: now }], {
      providers: { web: provider },
      target: {},
      versions,
      now,
    });
    assert.equal(measurement?.phase, phase, url);
    assert.match(measurement!.message, message, url);
  }
});

Deno.test("measureMetrics() reports a provider kind that is not configured", async () => {
  const m = metric({
    provider: { prometheus: { address: "http://x", query: "up" } },
    successCondition: "true",
  });
  const [measurement] = await measureMetrics([{ metric: m, since: now }], {
    providers: {},
    target: {},
    versions,
    now,
  });
  assert.equal(measurement?.phase, "Error");
  assert.equal(measurement?.message, "no prometheus metric provider is configured for this target");
});
