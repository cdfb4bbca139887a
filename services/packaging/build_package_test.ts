import assert from "node:assert/strict";
import { unzipSync } from "fflate";
import { toHttpEvent } from "../lambda/mod.ts";
import { startLocalDynamoDb } from "../feedback/local_dynamodb.ts";
import { oracle, serveFixedClassifier } from "../evaluation/testing.ts";
import { buildPackage, PACKAGE_NAMES } from "./mod.ts";
import { extractToTaskRoot, invokeWithNode, lambdaContext, nodeAvailable } from "./testing.ts";

/** A function URL event for a request, as Lambda would deliver it. */
function event(method: string, path: string, body?: unknown) {
  return toHttpEvent(
    new Request(`https://abc123.lambda-url.eu-west-1.on.aws${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    }),
    { requestId: crypto.randomUUID() },
  );
}

interface Result {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

const built = new Map(
  await Promise.all(PACKAGE_NAMES.map(async (n) => [n, await buildPackage(n)] as const)),
);

Deno.test("buildPackage() is deterministic: building again gives byte-identical ZIPs", async () => {
  for (const name of PACKAGE_NAMES) {
    const again = await buildPackage(name);
    assert.equal(again.sha256, built.get(name)!.sha256, name);
    assert.deepEqual(again.bytes, built.get(name)!.bytes, name);
  }
});

Deno.test("buildPackage() ships index.mjs plus each service's data, with fixed times and 0644 modes", () => {
  const files = Object.fromEntries(PACKAGE_NAMES.map((n) => [n, built.get(n)!.files]));
  assert.deepEqual(files["feedback"], ["index.mjs"]);
  assert.deepEqual(files["evaluation"], ["data/held_out.json", "index.mjs"]);
  assert.ok(
    files["model"]!.length >= 2 &&
      files["model"]!.every((f) =>
        f === "index.mjs" || /^data\/model_cards\/[0-9a-f]{12}\.json$/.test(f)
      ),
  );
  const zip = built.get("feedback")!.bytes;
  // Central directory entry: "made by" Unix (3) and external attributes = regular file 0644.
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const cd = zip.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
  assert.equal(zip[cd + 5], 3);
  assert.equal(view.getUint32(cd + 38, true) >>> 16, 0o100644);
  assert.equal(view.getUint16(cd + 12, true), 0, "DOS time 00:00:00");
  assert.equal(view.getUint16(cd + 14, true), (0 << 9) | (1 << 5) | 1, "DOS date 1980-01-01");
  assert.ok(!new TextDecoder().decode(unzipSync(zip)["index.mjs"]).includes(Deno.cwd()));
});

Deno.test("buildPackage() rejects an unknown package name", async () => {
  await assert.rejects(
    () => buildPackage("billing"),
    /unknown package "billing"; expected one of feedback, model, evaluation/,
  );
});

Deno.test("the feedback ZIP's handler serves function URL events against real DynamoDB, in Deno and in node", async () => {
  const dynamo = await startLocalDynamoDb();
  const taskRoot = await extractToTaskRoot(built.get("feedback")!.bytes);
  const env = {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIDLOCAL",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    FEEDBACK_TABLE: "ml-news-feedback",
    FEEDBACK_CREATE_TABLE: "true",
    LOG_LEVEL: "warn",
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  try {
    for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
    const { handler } = await import(`file://${taskRoot}/index.mjs`);
    const feedback = {
      text: "Oil falls",
      predicted: "World",
      correct: "Business",
      modelVersion: "v1",
      requestId: "d-1",
    };
    const created: Result = await handler(
      await event("POST", "/v1/feedback", feedback),
      lambdaContext("ml-news-feedback"),
    );
    assert.equal(created.statusCode, 201, created.body);
    const listed: Result = await handler(
      await event("GET", "/v1/feedback?modelVersion=v1"),
      lambdaContext("f"),
    );
    assert.deepEqual(JSON.parse(listed.body).items.map((r: { requestId: string }) => r.requestId), [
      "d-1",
    ]);

    if (await nodeAvailable()) {
      const results = await invokeWithNode(taskRoot, [
        await event("POST", "/v1/feedback", { ...feedback, requestId: "n-1" }),
        await event("POST", "/v1/feedback", { ...feedback, requestId: "n-1" }),
        await event("GET", "/v1/feedback/stats"),
        await event("POST", "/v1/feedback", { ...feedback, correct: "Politics" }),
      ], env) as Result[];
      assert.deepEqual(results.map((r) => r.statusCode), [201, 200, 200, 400]);
      assert.equal(JSON.parse(results[2]!.body).total, 2);
      assert.equal(JSON.parse(results[3]!.body).error.code, "unknown_category");
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    }
    await Deno.remove(taskRoot, { recursive: true });
    await dynamo.close();
  }
});

Deno.test("the model ZIP's handler serves the packaged model cards, in Deno and in node", async () => {
  const taskRoot = await extractToTaskRoot(built.get("model")!.bytes);
  try {
    const { handler } = await import(`file://${taskRoot}/index.mjs`);
    const list: Result = await handler(
      await event("GET", "/v1/models"),
      lambdaContext("ml-news-model"),
    );
    assert.equal(list.statusCode, 200);
    const models = JSON.parse(list.body).models as { version: string; shortVersion: string }[];
    assert.equal(models.length, built.get("model")!.files.length - 1);
    if (await nodeAvailable()) {
      const [one, missing] = await invokeWithNode(taskRoot, [
        await event("GET", `/v1/models/${models[0]!.shortVersion}`),
        await event("GET", "/v1/models/000000000000"),
      ], { LOG_LEVEL: "warn" }) as Result[];
      assert.equal(JSON.parse(one!.body).version, models[0]!.version);
      assert.equal(missing!.statusCode, 404);
    }
  } finally {
    await Deno.remove(taskRoot, { recursive: true });
  }
});

Deno.test("the evaluation ZIP's handler evaluates a real HTTP endpoint with its packaged sample, in Deno and in node", async () => {
  const taskRoot = await extractToTaskRoot(built.get("evaluation")!.bytes);
  const heldOut = JSON.parse(await Deno.readTextFile(`${taskRoot}/data/held_out.json`));
  const inference = serveFixedClassifier(oracle(heldOut));
  const env = {
    MIN_ACCURACY: "0.88",
    MAX_P99_MS: "5000",
    STABLE_ENDPOINT: inference.url,
    LOG_LEVEL: "warn",
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  try {
    for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
    const { handler } = await import(`file://${taskRoot}/index.mjs`);
    const res: Result = await handler(
      await event("POST", "/v1/evaluations", { endpoint: inference.url, sample: 40 }),
      lambdaContext("ml-news-evaluation"),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([JSON.parse(res.body).accuracy, JSON.parse(res.body).verdict], [1, "pass"]);
    if (await nodeAvailable()) {
      const [verdict] = await invokeWithNode(taskRoot, [
        await event("GET", "/v1/verdict?target=stable&sample=30"),
      ], env) as Result[];
      assert.equal(verdict!.statusCode, 200, verdict!.body);
      const body = JSON.parse(verdict!.body);
      assert.deepEqual([body.sample.heldOut, body.accuracy, body.verdict], [30, 1, "pass"]);
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    }
    await inference.close();
    await Deno.remove(taskRoot, { recursive: true });
  }
});

Deno.test("buildPackage() with a label is another revision whose handler behaves the same", async () => {
  const labelled = await buildPackage("model", { flags: { label: "demo-healthy" } });
  assert.notEqual(labelled.sha256, built.get("model")!.sha256);
  const taskRoot = await extractToTaskRoot(labelled.bytes);
  try {
    const { handler } = await import(`file://${taskRoot}/index.mjs`);
    const res: Result = await handler(
      await event("GET", "/healthz"),
      lambdaContext("ml-news-model"),
    );
    assert.equal(res.statusCode, 200);
  } finally {
    await Deno.remove(taskRoot, { recursive: true });
  }
});

Deno.test("buildPackage() with a failureRate flag is another revision whose handler injects 500s", async () => {
  const broken = await buildPackage("model", { flags: { failureRate: 1 } });
  assert.notEqual(broken.sha256, built.get("model")!.sha256);
  assert.ok(broken.files.includes("data/build_flags.json"));
  const taskRoot = await extractToTaskRoot(broken.bytes);
  try {
    const { handler } = await import(`file://${taskRoot}/index.mjs`);
    const res: Result = await handler(
      await event("GET", "/healthz"),
      lambdaContext("ml-news-model"),
    );
    assert.equal(res.statusCode, 500);
    assert.equal(JSON.parse(res.body).error.code, "injected_fault");
  } finally {
    await Deno.remove(taskRoot, { recursive: true });
  }
  await assert.rejects(
    () => buildPackage("model", { flags: { failureRate: 2 } }),
    /failureRate must be a number in \(0, 1\]/,
  );
});
