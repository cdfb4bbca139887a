import assert from "node:assert/strict";
import { createApp, MAX_BODY_BYTES } from "./app.ts";
import { MemoryFeedbackStore } from "./memory_store.ts";

const T0 = Date.parse("2026-03-01T10:00:00.000Z");

function setup() {
  let clock = T0;
  let ids = 0;
  const logs: string[] = [];
  const app = createApp({
    store: new MemoryFeedbackStore(),
    now: () => clock,
    newId: () => `gen-${++ids}`,
    log: (line) => logs.push(line),
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request("/v1/feedback", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return { app, post, logs, tick: (ms: number) => (clock += ms) };
}

const valid = {
  text: "Stocks rally as oil falls",
  predicted: "World",
  correct: "Business",
  modelVersion: "v1",
  requestId: "req-1",
};

async function errorOf(response: Response) {
  return { status: response.status, ...(await response.json()).error };
}

Deno.test("POST /v1/feedback records a correction and returns it with 201", async () => {
  const { post } = setup();
  const res = await post(valid);
  assert.equal(res.status, 201);
  assert.deepEqual(await res.json(), { ...valid, createdAt: "2026-03-01T10:00:00.000Z" });
});

Deno.test("POST /v1/feedback accepts title + description instead of text", async () => {
  const { post } = setup();
  const { text: _, ...rest } = valid;
  const res = await post({ ...rest, title: "Oil", description: "Oil prices fall" });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.equal(body.title, "Oil");
  assert.equal(body.text, undefined);
});

Deno.test("POST /v1/feedback is idempotent by requestId and 409s a reused id with other content", async () => {
  const { post, tick } = setup();
  assert.equal((await post(valid)).status, 201);
  tick(5_000);
  const replay = await post(valid);
  assert.equal(replay.status, 200);
  assert.equal((await replay.json()).createdAt, "2026-03-01T10:00:00.000Z");
  assert.deepEqual(await errorOf(await post({ ...valid, correct: "Sports" })), {
    status: 409,
    code: "idempotency_conflict",
    message: 'requestId "req-1" was already used for different feedback',
    field: "requestId",
  });
});

Deno.test("POST /v1/feedback without requestId gets a generated one", async () => {
  const { post } = setup();
  const { requestId: _, ...rest } = valid;
  const res = await post(rest);
  assert.equal((await res.json()).requestId, "gen-1");
});

const badBodies: [string, unknown, { status: number; code: string; field?: string }][] = [
  ["malformed JSON", "{not json", { status: 400, code: "invalid_json" }],
  ["a JSON array", "[1,2]", { status: 400, code: "invalid_body" }],
  ["an unknown field", { ...valid, colour: "red" }, {
    status: 400,
    code: "unknown_field",
    field: "colour",
  }],
  ["no text at all", { ...valid, text: undefined }, {
    status: 400,
    code: "missing_field",
    field: "text",
  }],
  ["title without description", { ...valid, text: undefined, title: "t" }, {
    status: 400,
    code: "missing_field",
    field: "description",
  }],
  ["text and title", { ...valid, title: "t" }, {
    status: 400,
    code: "invalid_value",
    field: "text",
  }],
  ["empty text", { ...valid, text: "  " }, { status: 400, code: "invalid_value", field: "text" }],
  ["numeric text", { ...valid, text: 42 }, { status: 400, code: "invalid_type", field: "text" }],
  ["text over 32 KB", { ...valid, text: "a".repeat(32 * 1024 + 1) }, {
    status: 400,
    code: "invalid_value",
    field: "text",
  }],
  ["unknown category", { ...valid, correct: "Politics" }, {
    status: 400,
    code: "unknown_category",
    field: "correct",
  }],
  ["lower-case category", { ...valid, predicted: "world" }, {
    status: 400,
    code: "unknown_category",
    field: "predicted",
  }],
  ["missing modelVersion", { ...valid, modelVersion: undefined }, {
    status: 400,
    code: "missing_field",
    field: "modelVersion",
  }],
  ["modelVersion with a slash", { ...valid, modelVersion: "a/b" }, {
    status: 400,
    code: "invalid_value",
    field: "modelVersion",
  }],
  ["array requestId", { ...valid, requestId: ["x"] }, {
    status: 400,
    code: "invalid_type",
    field: "requestId",
  }],
];

for (const [name, body, expected] of badBodies) {
  Deno.test(`POST /v1/feedback rejects ${name}`, async () => {
    const { post } = setup();
    const got = await errorOf(await post(body));
    assert.deepEqual({ status: got.status, code: got.code, field: got.field }, {
      field: undefined,
      ...expected,
    });
    assert.ok(got.message.length > 0);
  });
}

Deno.test("POST /v1/feedback rejects a body over the limit with 413 and a non-JSON content type with 415", async () => {
  const { post } = setup();
  const big = JSON.stringify({ ...valid, text: "a".repeat(MAX_BODY_BYTES) });
  assert.deepEqual((await errorOf(await post(big))).code, "payload_too_large");
  assert.equal((await post(big)).status, 413);
  const res = await post(valid, { "content-type": "text/plain" });
  assert.deepEqual(await errorOf(res), {
    status: 415,
    code: "unsupported_media_type",
    message: 'expected content-type application/json, got "text/plain"',
  });
});

Deno.test("POST /v1/feedback rejects invalid UTF-8", async () => {
  const { app } = setup();
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('{"text":"'),
    0xff,
    0xfe,
    ...new TextEncoder().encode('"}'),
  ]);
  const res = await app.request("/v1/feedback", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: bytes,
  });
  assert.equal((await errorOf(res)).code, "invalid_utf8");
});

Deno.test("GET /v1/feedback pages through one model version's records oldest first", async () => {
  const { app, post, tick } = setup();
  for (let i = 0; i < 5; i++) {
    await post({ ...valid, requestId: `a${i}`, modelVersion: i % 2 ? "v2" : "v1" });
    tick(1000);
  }
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await app.request(
      `/v1/feedback?modelVersion=v1&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
    );
    assert.equal(res.status, 200);
    const page = await res.json();
    seen.push(...page.items.map((r: { requestId: string }) => r.requestId));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, ["a0", "a2", "a4"]);
  const since = await (await app.request("/v1/feedback?since=2026-03-01T10:00:02Z")).json();
  assert.deepEqual(since.items.map((r: { requestId: string }) => r.requestId), ["a2", "a3", "a4"]);
});

const badQueries: [string, string, string][] = [
  ["limit=0", "limit", "out_of_range"],
  ["limit=501", "limit", "out_of_range"],
  ["limit=ten", "limit", "invalid_type"],
  ["since=yesterday", "since", "invalid_value"],
  ["cursor=forged", "cursor", "invalid_cursor"],
  ["modelVersion=a%20b", "modelVersion", "invalid_value"],
  ["page=2", "page", "unknown_field"],
];

for (const [query, field, code] of badQueries) {
  Deno.test(`GET /v1/feedback?${query} is a 400 ${code} on ${field}`, async () => {
    const { app } = setup();
    const got = await errorOf(await app.request(`/v1/feedback?${query}`));
    assert.deepEqual([got.status, got.code, got.field], [400, code, field]);
  });
}

Deno.test("GET /v1/feedback/stats counts per model version with a matrix of disagreements", async () => {
  const { app, post } = setup();
  const rows: [string, string, string][] = [
    ["v1", "World", "Business"],
    ["v1", "World", "Business"],
    ["v1", "Sports", "Sports"],
    ["v1", "Sci/Tech", "World"],
    ["v2", "Business", "Business"],
  ];
  for (const [i, [modelVersion, predicted, correct]] of rows.entries()) {
    await post({ ...valid, requestId: `s${i}`, modelVersion, predicted, correct });
  }
  const all = await (await app.request("/v1/feedback/stats")).json();
  assert.deepEqual(all, {
    total: 5,
    models: [
      {
        modelVersion: "v1",
        total: 4,
        agreed: 1,
        disagreed: 3,
        confusion: { World: { Business: 2 }, "Sci/Tech": { World: 1 } },
      },
      { modelVersion: "v2", total: 1, agreed: 1, disagreed: 0, confusion: {} },
    ],
  });
  const one = await (await app.request("/v1/feedback/stats?modelVersion=v2")).json();
  assert.equal(one.total, 1);
});

Deno.test("unknown routes answer 404 in the JSON error shape and every request is logged with its id", async () => {
  const { app, logs } = setup();
  const res = await app.request("/v2/nothing", { headers: { "x-request-id": "abc-1" } });
  assert.deepEqual(await errorOf(res), {
    status: 404,
    code: "not_found",
    message: "no route for GET /v2/nothing",
  });
  assert.equal(res.headers.get("x-request-id"), "abc-1");
  const line = JSON.parse(logs.at(-1)!);
  assert.deepEqual([line.service, line.requestId, line.status, line.path], [
    "feedback",
    "abc-1",
    404,
    "/v2/nothing",
  ]);
  assert.equal((await app.request("/healthz")).status, 200);
});
