import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.ts";
import { loadModelCards, ModelCardError, ModelCatalog, parseModelCard } from "./catalog.ts";
import type { ServiceDeployment } from "./deployments.ts";

const hexA = "a".repeat(64);
const hexB = "b1".repeat(32);
function card(hex: string, createdAt: string, accuracy: number) {
  return {
    name: "ml-news-classifier",
    version: `sha256:${hex}`,
    shortVersion: hex.slice(0, 12),
    createdAt,
    metrics: { validation: { accuracy } },
  };
}
const older = card(hexA, "2026-01-01T00:00:00.000Z", 0.9);
const newer = card(hexB, "2026-02-01T00:00:00.000Z", 0.91);

function setup(deployments?: ServiceDeployment[]) {
  const catalog = new ModelCatalog(
    [older, newer].map((c) => parseModelCard(JSON.stringify(c), "x.json")),
  );
  return createApp({
    catalog,
    log: () => {},
    ...(deployments ? { deployments: { deployments: () => Promise.resolve(deployments) } } : {}),
  });
}

Deno.test("GET /v1/models lists model cards newest first", async () => {
  const res = await setup().request("/v1/models");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { models: [newer, older] });
});

Deno.test("GET /v1/models/{version} finds a card by full or short version", async () => {
  const app = setup();
  assert.deepEqual(await (await app.request(`/v1/models/sha256:${hexA}`)).json(), older);
  assert.deepEqual(await (await app.request(`/v1/models/${hexB.slice(0, 12)}`)).json(), newer);
});

Deno.test("GET /v1/models/{version} is 404 for an unknown version and 400 for a malformed one", async () => {
  const app = setup();
  const missing = await app.request(`/v1/models/${"c".repeat(12)}`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, "model_not_found");
  const bad = await app.request("/v1/models/latest");
  assert.equal(bad.status, 400);
  assert.deepEqual((await bad.json()).error, {
    code: "invalid_version",
    message: 'expected a model version sha256:<64 hex> or its 12-hex short form, got "latest"',
    field: "version",
  });
  assert.equal((await app.request("/v1/models?sort=asc")).status, 400);
});

Deno.test("GET /v1/deployments maps each environment's image tag to the model version it serves", async () => {
  const app = setup([
    {
      environment: "dev",
      release: "inference",
      service: "ml-news-inference",
      image: `registry.example/ml-news-inference:${hexB.slice(0, 12)}`,
      trafficPercent: 90,
      source: "live",
    },
    {
      environment: "production",
      release: "inference",
      service: "ml-news-inference",
      image: "ml-news-inference:1.0.0",
      trafficPercent: 100,
      source: "desired",
    },
    {
      environment: "staging",
      release: "inference",
      service: "ml-news-inference",
      image: `ml-news-inference:${hexB.slice(0, 12)}-3f9a1c2b4d5e6f708192a3b4c5d6e7f801234567`,
      trafficPercent: 100,
      source: "live",
    },
  ]);
  const body = await (await app.request("/v1/deployments")).json();
  assert.deepEqual(
    body.deployments.map((
      d: Record<string, unknown>,
    ) => [d.environment, d.modelVersion, d.trafficPercent]),
    [
      ["dev", `sha256:${hexB}`, 90],
      ["production", null, 100],
      ["staging", `sha256:${hexB}`, 100],
    ],
  );
});

Deno.test("GET /v1/deployments without a source is a 503 in the error shape", async () => {
  const res = await setup().request("/v1/deployments");
  assert.equal(res.status, 503);
  assert.equal((await res.json()).error.code, "deployments_unavailable");
});

Deno.test("parseModelCard() names the file and the field that is wrong", () => {
  assert.throws(
    () => parseModelCard("{", "m/model_card.json"),
    /^ModelCardError: m\/model_card.json: not JSON/,
  );
  assert.throws(
    () => parseModelCard(JSON.stringify({ ...older, version: "v1" }), "a.json"),
    (err: unknown) => err instanceof ModelCardError && /"version" to be sha256/.test(err.message),
  );
  assert.throws(
    () => parseModelCard(JSON.stringify({ ...older, shortVersion: "ffff" }), "a.json"),
    /shortVersion/,
  );
});

Deno.test("loadModelCards() reads the cards the inference training produced", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const models = fileURLToPath(new URL("../../ml/models/", import.meta.url));
    let copied = 0;
    for await (const entry of Deno.readDir(models)) {
      if (!entry.isDirectory) continue;
      await Deno.copyFile(`${models}${entry.name}/model_card.json`, `${dir}/${entry.name}.json`);
      copied++;
    }
    const cards = await loadModelCards(dir);
    assert.equal(cards.length, copied);
    assert.ok(copied > 0, "expected at least one trained model in ml/models");
    for (const c of cards) assert.match(c.version, /^sha256:[0-9a-f]{64}$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("GET /v1/deployments turns a failing source into a 503 that says why", async () => {
  const app = createApp({
    catalog: new ModelCatalog([]),
    log: () => {},
    deployments: { deployments: () => Promise.reject(new Error("local AWS is not reachable")) },
  });
  const res = await app.request("/v1/deployments");
  assert.equal(res.status, 503);
  assert.deepEqual((await res.json()).error, {
    code: "deployments_unavailable",
    message: "cannot read deployments: local AWS is not reachable",
  });
});
