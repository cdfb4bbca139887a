/** The EvaluationStore contract against the memory store and DynamoDB (dynalite, real SDK). */
import assert from "node:assert/strict";
import { startLocalDynamoDb } from "../feedback/local_dynamodb.ts";
import { openDynamoDbEvaluationStore } from "./dynamodb_store.ts";
import type { Evaluation } from "./evaluation.ts";
import { type EvaluationStore, MemoryEvaluationStore } from "./store.ts";

function evaluation(id: string, accuracy: number): Evaluation {
  return {
    id,
    status: "completed",
    createdAt: "2026-03-01T10:00:00.000Z",
    durationMs: 12,
    endpoint: "http://127.0.0.1:1",
    modelVersion: null,
    sample: { heldOut: 10, feedback: 0 },
    examples: 10,
    answered: 10,
    errors: 0,
    errorSamples: [],
    accuracy,
    macroF1: accuracy,
    perClassRecall: { World: 1, Sports: 1, Business: accuracy, "Sci/Tech": 1 },
    latencyMs: { p50: 1, p95: 2, p99: 3, max: 4 },
    servedVersions: { v1: 10 },
    baseline: null,
    accuracyDrop: null,
    thresholds: { minAccuracy: 0.5 },
    checks: [{ name: "minAccuracy", passed: true, value: accuracy, limit: 0.5 }],
    verdict: "pass",
    passed: 1,
  };
}

async function contract(store: EvaluationStore) {
  await store.save(evaluation("e1", 0.9));
  await store.save(evaluation("e2", 0.8));
  assert.deepEqual(await store.get("e1"), evaluation("e1", 0.9));
  assert.deepEqual(await store.get("e2"), evaluation("e2", 0.8));
  assert.equal(await store.get("missing"), undefined);
}

Deno.test("MemoryEvaluationStore keeps evaluations by id and forgets the oldest past capacity", async () => {
  await contract(new MemoryEvaluationStore());
  const small = new MemoryEvaluationStore(2);
  for (const id of ["a", "b", "c"]) await small.save(evaluation(id, 1));
  assert.equal(await small.get("a"), undefined);
  assert.ok(await small.get("c"));
});

Deno.test("DynamoDbEvaluationStore keeps evaluations by id in a real DynamoDB-compatible server", async () => {
  const dynamo = await startLocalDynamoDb();
  const env = {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIDLOCAL",
    AWS_SECRET_ACCESS_KEY: "local",
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  try {
    for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
    const store = await openDynamoDbEvaluationStore({
      table: "ml-news-evaluations",
      endpoint: dynamo.endpoint,
      createTable: true,
    });
    await contract(store);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    }
    await dynamo.close();
  }
});
