import assert from "node:assert/strict";
import { createApp } from "./app.ts";
import { FAKE_CARD, FAKE_VERSION, FakeClassifier } from "./fake_classifier_test_helper.ts";
import { InferenceMetrics } from "./metrics.ts";

function setup(options: { ready?: boolean; stepMs?: number } = {}) {
  const model = new FakeClassifier();
  const metrics = new InferenceMetrics();
  let t = 0;
  const clock = { now: () => (t += options.stepMs ?? 0) };
  let ready = options.ready ?? true;
  const app = createApp({
    model,
    metrics,
    clock,
    isReady: () => ready,
    newRequestId: () => "req-1",
  });
  return { app, model, metrics, setReady: (r: boolean) => (ready = r) };
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`http://x${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

Deno.test("POST /v1/classify returns category, label, scores, modelVersion and requestId", async () => {
  const { app, model } = setup();
  const res = await app.request(
    post("/v1/classify", JSON.stringify({ title: "Cup", text: "The match ended 2-1" })),
  );
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-request-id"), "req-1");
  assert.deepEqual(await res.json(), {
    category: "Sports",
    label: 2,
    scores: { World: 0.1, Sports: 0.7, Business: 0.1, "Sci/Tech": 0.1 },
    modelVersion: FAKE_VERSION,
    requestId: "req-1",
  });
  assert.deepEqual(model.calls, [[{ title: "Cup", text: "The match ended 2-1" }]]);
});

Deno.test("POST /v1/classify echoes a valid caller x-request-id and replaces an invalid one", async () => {
  const { app } = setup();
  const given = await app.request(
    post("/v1/classify", '{"text":"a"}', { "x-request-id": "abc-123" }),
  );
  assert.equal((await given.json()).requestId, "abc-123");
  const bad = await app.request(
    post("/v1/classify", '{"text":"a"}', { "x-request-id": "no spaces" }),
  );
  assert.equal((await bad.json()).requestId, "req-1");
});

Deno.test("POST /v1/classify/batch classifies all items in one model call, in order", async () => {
  const { app, model } = setup();
  const items = [{ text: "software update" }, { title: "Markets", text: "shares fell" }, {
    text: "election",
  }];
  const res = await app.request(post("/v1/classify/batch", JSON.stringify({ items })));
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body.items.map((i: { category: string }) => i.category), [
    "Sci/Tech",
    "Business",
    "World",
  ]);
  assert.deepEqual(body.items[1].scores, {
    World: 0.1,
    Sports: 0.1,
    Business: 0.7,
    "Sci/Tech": 0.1,
  });
  assert.equal(body.modelVersion, FAKE_VERSION);
  assert.equal(body.requestId, "req-1");
  assert.equal(model.calls.length, 1);
  assert.equal(model.calls[0]!.length, 3);
});

Deno.test("POST /v1/classify/batch accepts exactly 256 items", async () => {
  const { app } = setup();
  const items = Array.from({ length: 256 }, (_, i) => ({ text: `doc ${i}` }));
  const res = await app.request(post("/v1/classify/batch", JSON.stringify({ items })));
  assert.equal(res.status, 200);
  assert.equal((await res.json()).items.length, 256);
});

Deno.test("GET /v1/model returns the model card", async () => {
  const { app } = setup();
  const res = await app.request("/v1/model");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), FAKE_CARD);
});

Deno.test("GET /healthz is always ok; GET /readyz is 503 until warm-up is done", async () => {
  const { app, setReady } = setup({ ready: false });
  assert.equal((await app.request("/healthz")).status, 200);
  const notReady = await app.request("/readyz");
  assert.equal(notReady.status, 503);
  assert.equal((await notReady.json()).error.code, "not_ready");
  setReady(true);
  const ready = await app.request("/readyz");
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: "ready", modelVersion: FAKE_VERSION });
});

Deno.test("GET /metrics counts requests and latency by route and status, predictions and model version", async () => {
  const { app } = setup({ stepMs: 1.5 }); // each request measures 1.5 ms on the fake clock
  await app.request(post("/v1/classify", '{"text":"the match"}'));
  await app.request(post("/v1/classify", '{"text":"shares"}'));
  await app.request(post("/v1/classify", '{"text":""}'));
  await app.request(post("/v1/classify/batch", '{"items":[{"text":"match"},{"text":"x"}]}'));
  await app.request("/nope");
  const res = await app.request("/metrics");
  assert.equal(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const text = await res.text();
  const has = (line: string) =>
    assert.ok(text.split("\n").includes(line), `missing: ${line}\n${text}`);
  has('http_requests_total{route="/v1/classify",status="200"} 2');
  has('http_requests_total{route="/v1/classify",status="400"} 1');
  has('http_requests_total{route="/v1/classify/batch",status="200"} 1');
  has('http_requests_total{route="unmatched",status="404"} 1');
  has('http_request_duration_seconds_bucket{route="/v1/classify",status="200",le="0.001"} 0');
  has('http_request_duration_seconds_bucket{route="/v1/classify",status="200",le="0.0025"} 2');
  has('http_request_duration_seconds_count{route="/v1/classify",status="200"} 2');
  has('predictions_total{category="Sports"} 2');
  has('predictions_total{category="Business"} 1');
  has('predictions_total{category="World"} 1');
  has(`model_info{version="${FAKE_VERSION}",short_version="abababababab"} 1`);
  has("model_ready 1");
});

const big = (bytes: number) => "x".repeat(bytes);

const BAD_INPUT: readonly {
  name: string;
  path?: string;
  body: BodyInit;
  headers?: Record<string, string>;
  status: number;
  code: string;
  field?: string;
}[] = [
  { name: "non-JSON", body: "{text: hi}", status: 400, code: "invalid_json" },
  {
    name: "wrong content type",
    body: '{"text":"hi"}',
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "no content type",
    body: '{"text":"hi"}',
    headers: { "content-type": "" },
    status: 415,
    code: "unsupported_media_type",
  },
  { name: "a JSON array", body: "[1]", status: 400, code: "invalid_body" },
  {
    name: "missing text",
    body: '{"title":"t"}',
    status: 400,
    code: "missing_field",
    field: "text",
  },
  { name: "empty text", body: '{"text":""}', status: 400, code: "invalid_value", field: "text" },
  {
    name: "whitespace text",
    body: '{"text":" \\n\\t "}',
    status: 400,
    code: "invalid_value",
    field: "text",
  },
  { name: "null text", body: '{"text":null}', status: 400, code: "invalid_type", field: "text" },
  { name: "numeric text", body: '{"text":42}', status: 400, code: "invalid_type", field: "text" },
  {
    name: "object title",
    body: '{"text":"a","title":{}}',
    status: 400,
    code: "invalid_type",
    field: "title",
  },
  {
    name: "unknown field",
    body: '{"text":"a","lang":"en"}',
    status: 400,
    code: "unknown_field",
    field: "lang",
  },
  {
    name: "text over 32 KB",
    body: JSON.stringify({ text: big(32 * 1024 + 1) }),
    status: 400,
    code: "too_long",
    field: "text",
  },
  {
    name: "multi-byte text over 32 KB",
    body: JSON.stringify({ text: "é".repeat(16 * 1024 + 1) }),
    status: 400,
    code: "too_long",
    field: "text",
  },
  {
    name: "title over 32 KB",
    body: JSON.stringify({ text: "a", title: big(40000) }),
    status: 400,
    code: "too_long",
    field: "title",
  },
  {
    name: "body over 1 MB",
    body: JSON.stringify({ text: big(1024 * 1024) }),
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "invalid UTF-8",
    body: new Uint8Array([
      0x7b,
      0x22,
      0x74,
      0x65,
      0x78,
      0x74,
      0x22,
      0x3a,
      0x22,
      0xff,
      0xfe,
      0x22,
      0x7d,
    ]),
    status: 400,
    code: "invalid_utf8",
  },
  {
    path: "/v1/classify/batch",
    name: "batch over 256",
    body: JSON.stringify({ items: Array.from({ length: 257 }, () => ({ text: "a" })) }),
    status: 400,
    code: "batch_too_large",
    field: "items",
  },
  {
    path: "/v1/classify/batch",
    name: "batch without items",
    body: "{}",
    status: 400,
    code: "missing_field",
    field: "items",
  },
  {
    path: "/v1/classify/batch",
    name: "batch items not an array",
    body: '{"items":{"text":"a"}}',
    status: 400,
    code: "invalid_type",
    field: "items",
  },
  {
    path: "/v1/classify/batch",
    name: "empty batch",
    body: '{"items":[]}',
    status: 400,
    code: "invalid_value",
    field: "items",
  },
  {
    path: "/v1/classify/batch",
    name: "batch item not an object",
    body: '{"items":[{"text":"a"},{"text":"b"},"c"]}',
    status: 400,
    code: "invalid_type",
    field: "items[2]",
  },
  {
    path: "/v1/classify/batch",
    name: "batch item without text",
    body: '{"items":[{"text":"a"},{"title":"b"}]}',
    status: 400,
    code: "missing_field",
    field: "items[1].text",
  },
  {
    path: "/v1/classify/batch",
    name: "batch item text too long",
    body: JSON.stringify({ items: [{ text: big(32769) }] }),
    status: 400,
    code: "too_long",
    field: "items[0].text",
  },
  {
    path: "/v1/classify/batch",
    name: "batch unknown top-level field",
    body: '{"items":[{"text":"a"}],"x":1}',
    status: 400,
    code: "unknown_field",
    field: "x",
  },
];

const byteLength = (body: BodyInit) =>
  typeof body === "string" ? new TextEncoder().encode(body).length : (body as Uint8Array).length;

// Each case runs with a declared content-length (the fast path) and without (streamed).
for (const c of BAD_INPUT) {
  for (const declared of [true, false]) {
    Deno.test(`POST ${c.path ?? "/v1/classify"} with ${c.name}${declared ? "" : " (streamed)"} is ${c.status} ${c.code}, never reaching the model`, async () => {
      const { app, model } = setup();
      const length: Record<string, string> = declared
        ? { "content-length": String(byteLength(c.body)) }
        : {};
      const res = await app.request(
        post(c.path ?? "/v1/classify", c.body, { ...length, ...c.headers }),
      );
      assert.equal(res.status, c.status);
      const body = await res.json();
      assert.equal(body.error.code, c.code, body.error.message);
      assert.equal(typeof body.error.message, "string");
      assert.equal(body.error.field, c.field);
      assert.equal(model.calls.length, 0);
    });
  }
}

Deno.test("a text of exactly 32 KB of UTF-8 is accepted", async () => {
  const { app } = setup();
  const res = await app.request(
    post("/v1/classify", JSON.stringify({ text: "é".repeat(16 * 1024) })),
  );
  assert.equal(res.status, 200);
});

Deno.test("unknown routes and methods answer 404 in the JSON error shape", async () => {
  const { app } = setup();
  for (const req of [new Request("http://x/v2/classify"), new Request("http://x/v1/classify")]) {
    const res = await app.request(req);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "not_found");
  }
});

Deno.test("a model failure is an opaque 500 in the error shape", async () => {
  const { app, model } = setup();
  model.failWith = new Error("session exploded");
  const original = console.error;
  console.error = () => {};
  try {
    const res = await app.request(post("/v1/classify", '{"text":"a"}'));
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), {
      error: { code: "internal", message: "internal server error" },
    });
  } finally {
    console.error = original;
  }
});
