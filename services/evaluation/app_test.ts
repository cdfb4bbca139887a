import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createApp as createFeedbackApp } from "../feedback/app.ts";
import { MemoryFeedbackStore } from "../feedback/memory_store.ts";
import { createApp, type EvaluationDeps } from "./app.ts";
import { httpClassifier } from "./classifier.ts";
import type { Evaluation } from "./evaluation.ts";
import { agNewsTestCsv, readHeldOut } from "./package_data.ts";
import { feedbackOverHttp } from "./recent_feedback.ts";
import { MemoryEvaluationStore } from "./store.ts";
import { oracle, serveFixedClassifier } from "./testing.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const heldOut = await readHeldOut(agNewsTestCsv(root));
const truth = oracle(heldOut);

function setup(overrides: Partial<EvaluationDeps> = {}) {
  let ids = 0;
  return createApp({
    heldOut,
    classifier: httpClassifier({ timeoutMs: 2_000 }),
    store: new MemoryEvaluationStore(),
    thresholds: { minAccuracy: 0.88, maxAccuracyDrop: 0.01, maxP99Ms: 1_000 },
    newId: () => `e${++ids}`,
    log: () => {},
    ...overrides,
  });
}

function post(app: ReturnType<typeof setup>, body: unknown, headers: Record<string, string> = {}) {
  return app.request("/v1/evaluations", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

Deno.test("the held-out sample is every 8th row of AG News test.csv: 950 rows, every class", () => {
  assert.equal(heldOut.length, 950);
  for (const label of ["World", "Sports", "Business", "Sci/Tech"]) {
    const n = heldOut.filter((e) => e.label === label).length;
    assert.ok(n > 200 && n < 280, `${label}: ${n}`);
  }
});

Deno.test("POST /v1/evaluations measures an endpoint over HTTP and GET returns the same evaluation", async () => {
  const server = serveFixedClassifier(truth);
  try {
    const app = setup();
    const res = await post(app, { endpoint: server.url, sample: 120 });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("location"), "/v1/evaluations/e1");
    const evaluation: Evaluation = await res.json();
    assert.equal(server.calls(), 120);
    assert.deepEqual(
      [
        evaluation.status,
        evaluation.accuracy,
        evaluation.macroF1,
        evaluation.errors,
        evaluation.verdict,
        evaluation.passed,
      ],
      ["completed", 1, 1, 0, "pass", 1],
    );
    assert.deepEqual(evaluation.sample, { heldOut: 120, feedback: 0 });
    assert.deepEqual(evaluation.perClassRecall, {
      World: 1,
      Sports: 1,
      Business: 1,
      "Sci/Tech": 1,
    });
    assert.ok(
      evaluation.latencyMs && evaluation.latencyMs.p50 > 0 &&
        evaluation.latencyMs.p99 >= evaluation.latencyMs.p50,
    );
    assert.deepEqual(evaluation.servedVersions, { "fixed-model": 120 });
    const again = await app.request("/v1/evaluations/e1");
    assert.deepEqual(await again.json(), evaluation);
  } finally {
    await server.close();
  }
});

Deno.test("a canary that mislabels Sports fails the accuracy-drop check against its stable baseline", async () => {
  const stable = serveFixedClassifier(truth, "stable");
  const canary = serveFixedClassifier((title, text) => {
    const label = truth(title, text);
    return label === "Sports" ? "World" : label;
  }, "canary");
  try {
    const sample = heldOut.slice(0, 200);
    const sportsShare = sample.filter((e) => e.label === "Sports").length / sample.length;
    const res = await post(setup(), { endpoint: canary.url, baseline: stable.url, sample: 200 });
    const evaluation: Evaluation = await res.json();
    assert.equal(evaluation.baseline?.accuracy, 1);
    assert.equal(evaluation.accuracy, Math.round((1 - sportsShare) * 1e6) / 1e6);
    assert.equal(evaluation.accuracyDrop, Math.round(sportsShare * 1e6) / 1e6);
    assert.equal(evaluation.perClassRecall?.Sports, 0);
    assert.equal(evaluation.verdict, "fail");
    assert.deepEqual(
      evaluation.checks.filter((c) => !c.passed).map((c) => c.name),
      ["minAccuracy", "maxAccuracyDrop"],
    );
  } finally {
    await Promise.all([stable.close(), canary.close()]);
  }
});

Deno.test("GET /v1/verdict?target=canary evaluates the configured canary against stable", async () => {
  const stable = serveFixedClassifier(truth, "stable");
  const canary = serveFixedClassifier(truth, "canary");
  try {
    const app = setup({ targets: { canary: canary.url, stable: stable.url } });
    const res = await app.request("/v1/verdict?target=canary&sample=50");
    assert.equal(res.status, 200);
    const body: Evaluation = await res.json();
    assert.deepEqual([
      body.endpoint,
      body.baseline?.endpoint,
      body.accuracy,
      body.accuracyDrop,
      body.verdict,
    ], [
      canary.url,
      stable.url,
      1,
      0,
      "pass",
    ]);
    const onlyStable: Evaluation = await (await app.request("/v1/verdict?target=stable&sample=10"))
      .json();
    assert.equal(onlyStable.baseline, null);
    assert.equal((await app.request(`/v1/evaluations/${body.id}`)).status, 200);
  } finally {
    await Promise.all([stable.close(), canary.close()]);
  }
});

Deno.test("an unreachable endpoint is a failed verdict with every request counted as an error", async () => {
  const server = serveFixedClassifier(truth);
  const url = server.url;
  await server.close();
  const evaluation: Evaluation = await (await post(setup(), { endpoint: url, sample: 5 })).json();
  assert.deepEqual([
    evaluation.errors,
    evaluation.answered,
    evaluation.accuracy,
    evaluation.verdict,
  ], [5, 0, null, "fail"]);
  assert.match(evaluation.errorSamples[0] ?? "", /request failed/);
});

Deno.test("an endpoint serving another model version than requested fails the modelVersion check", async () => {
  const server = serveFixedClassifier(truth, "sha256:aaa");
  try {
    const evaluation: Evaluation = await (await post(setup(), {
      endpoint: server.url,
      modelVersion: "sha256:bbb",
      sample: 10,
    })).json();
    const check = evaluation.checks.find((c) => c.name === "modelVersion");
    assert.deepEqual(check, {
      name: "modelVersion",
      passed: false,
      value: "sha256:aaa",
      limit: "sha256:bbb",
    });
    assert.equal(evaluation.verdict, "fail");
  } finally {
    await server.close();
  }
});

Deno.test("recent feedback from the feedback service joins the labelled sample with its corrected label", async () => {
  const feedbackApp = createFeedbackApp({ store: new MemoryFeedbackStore(), log: () => {} });
  const feedbackServer = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    feedbackApp.fetch,
  );
  const inference = serveFixedClassifier((_title, text) =>
    text.startsWith("FEEDBACK") ? "Business" : truth(_title, text)
  );
  try {
    for (const [i, correct] of ["Business", "Business", "Sports"].entries()) {
      await feedbackApp.request("/v1/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          text: `FEEDBACK ${i}`,
          predicted: "World",
          correct,
          modelVersion: "v1",
        }),
      });
    }
    const app = setup({
      recentFeedback: feedbackOverHttp(`http://127.0.0.1:${feedbackServer.addr.port}`),
    });
    const evaluation: Evaluation = await (await post(app, { endpoint: inference.url, sample: 7 }))
      .json();
    assert.deepEqual(evaluation.sample, { heldOut: 7, feedback: 3 });
    assert.equal(evaluation.answered, 10);
    assert.equal(evaluation.accuracy, 0.9);
  } finally {
    await Promise.all([feedbackServer.shutdown(), inference.close()]);
  }
});

const badRequests: [string, unknown, number, string, string?][] = [
  ["malformed JSON", "{", 400, "invalid_json"],
  ["a missing endpoint", { sample: 3 }, 400, "missing_field", "endpoint"],
  ["a numeric endpoint", { endpoint: 7 }, 400, "invalid_type", "endpoint"],
  ["a non-URL endpoint", { endpoint: "inference" }, 400, "invalid_value", "endpoint"],
  ["an ftp endpoint", { endpoint: "ftp://x" }, 400, "invalid_value", "endpoint"],
  ["a bad baseline", { endpoint: "http://x", baseline: "nope" }, 400, "invalid_value", "baseline"],
  ["sample 0", { endpoint: "http://x", sample: 0 }, 400, "out_of_range", "sample"],
  [
    "sample above the held-out size",
    { endpoint: "http://x", sample: 951 },
    400,
    "out_of_range",
    "sample",
  ],
  ["a fractional sample", { endpoint: "http://x", sample: 2.5 }, 400, "invalid_type", "sample"],
  [
    "feedback above the limit",
    { endpoint: "http://x", feedback: 501 },
    400,
    "out_of_range",
    "feedback",
  ],
  [
    "an unknown field",
    { endpoint: "http://x", thresholds: {} },
    400,
    "unknown_field",
    "thresholds",
  ],
  [
    "a model version with spaces",
    { endpoint: "http://x", modelVersion: "a b" },
    400,
    "invalid_value",
    "modelVersion",
  ],
];

for (const [name, body, status, code, field] of badRequests) {
  Deno.test(`POST /v1/evaluations rejects ${name} with ${status} ${code}`, async () => {
    const res = await post(setup(), body);
    const { error } = await res.json();
    assert.deepEqual([res.status, error.code, error.field], [status, code, field]);
  });
}

Deno.test("POST /v1/evaluations answers 413 for an oversized body and 415 for a non-JSON content type", async () => {
  const big = await post(
    setup(),
    JSON.stringify({ endpoint: "http://x", pad: "a".repeat(20_000) }),
  );
  assert.equal(big.status, 413);
  const form = await post(setup(), "endpoint=x", {
    "content-type": "application/x-www-form-urlencoded",
  });
  assert.equal(form.status, 415);
});

Deno.test("GET /v1/evaluations/{id} and /v1/verdict reject bad ids, unknown targets and unconfigured ones", async () => {
  const app = setup({ targets: { stable: "http://127.0.0.1:9" } });
  const cases: [string, number, string][] = [
    ["/v1/evaluations/nope", 404, "evaluation_not_found"],
    ["/v1/evaluations/%20x", 400, "invalid_value"],
    ["/v1/verdict", 400, "missing_field"],
    ["/v1/verdict?target=blue", 400, "invalid_value"],
    ["/v1/verdict?target=canary", 503, "target_not_configured"],
    ["/v1/verdict?target=stable&sample=-1", 400, "out_of_range"],
    ["/v1/verdict?target=stable&extra=1", 400, "unknown_field"],
    ["/v1/unknown", 404, "not_found"],
  ];
  for (const [path, status, code] of cases) {
    const res = await app.request(path);
    assert.deepEqual([path, res.status, (await res.json()).error.code], [path, status, code]);
  }
});

Deno.test("POST /v1/evaluations only calls allowed origins when an allowlist is configured", async () => {
  const server = serveFixedClassifier(truth);
  try {
    const app = setup({ endpointAllowlist: [server.url] });
    const ok = await post(app, { endpoint: `${server.url}/`, sample: 3 });
    assert.equal(ok.status, 201);
    await ok.body?.cancel();
    const denied = await post(app, { endpoint: "http://169.254.169.254/latest", sample: 3 });
    assert.deepEqual((await denied.json()).error, {
      code: "endpoint_not_allowed",
      message:
        `"endpoint" must be on one of the allowed origins (${server.url}), got http://169.254.169.254`,
      field: "endpoint",
    });
    const baseline = await post(app, {
      endpoint: server.url,
      baseline: "http://10.0.0.1:8080",
      sample: 3,
    });
    assert.equal((await baseline.json()).error.field, "baseline");
    assert.equal(server.calls(), 3);
  } finally {
    await server.close();
  }
});
