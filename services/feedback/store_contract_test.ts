/**
 * The FeedbackStore contract, run against both implementations: the DynamoDB adapter through
 * the real SDK client against a real DynamoDB-compatible server (dynalite), and the memory store.
 */
import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDbFeedbackStore, ensureFeedbackTable } from "./dynamodb_store.ts";
import { startLocalDynamoDb } from "./local_dynamodb.ts";
import { MemoryFeedbackStore } from "./memory_store.ts";
import type { FeedbackRecord } from "./record.ts";
import { type FeedbackStore, InvalidCursorError } from "./store.ts";

function record(
  i: number,
  modelVersion: string,
  extra: Partial<FeedbackRecord> = {},
): FeedbackRecord {
  return {
    requestId: `r-${String(i).padStart(3, "0")}`,
    modelVersion,
    predicted: "World",
    correct: i % 3 === 0 ? "World" : "Business",
    text: `story ${i}`,
    createdAt: new Date(Date.UTC(2026, 2, 1, 10, 0, i)).toISOString(),
    ...extra,
  };
}

async function drain(
  store: FeedbackStore,
  query: { modelVersion?: string; since?: number },
  limit: number,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.list({ ...query, limit, ...(cursor ? { cursor } : {}) });
    assert.ok(page.items.length <= limit);
    ids.push(...page.items.map((r) => r.requestId));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

function contract(
  name: string,
  open: () => Promise<{ store: FeedbackStore; close: () => Promise<void> }>,
) {
  Deno.test(`${name}: put() writes once per requestId and returns the stored record after`, async () => {
    const { store, close } = await open();
    try {
      const first = record(1, "v1");
      assert.deepEqual(await store.put(first), { created: true, record: first });
      const again = { ...first, correct: "Sports" as const, createdAt: "2030-01-01T00:00:00.000Z" };
      assert.deepEqual(await store.put(again), { created: false, record: first });
      const { text: _, ...untitled } = record(2, "v1");
      const titled: FeedbackRecord = { ...untitled, title: "T", description: "D" };
      await store.put(titled);
      assert.deepEqual((await drain(store, {}, 10)).ids.sort(), ["r-001", "r-002"]);
      const listed = (await store.list({ limit: 10, modelVersion: "v1" })).items;
      assert.deepEqual(listed, [first, titled]);
    } finally {
      await close();
    }
  });

  Deno.test(`${name}: list() pages one model version oldest first and filters by since`, async () => {
    const { store, close } = await open();
    try {
      for (let i = 0; i < 25; i++) await store.put(record(i, i % 5 === 0 ? "v2" : "v1"));
      const v1 = await drain(store, { modelVersion: "v1" }, 7);
      assert.deepEqual(
        v1.ids,
        [...Array(25).keys()].filter((i) => i % 5 !== 0).map((i) => record(i, "").requestId),
      );
      assert.equal(v1.pages, 3);
      const since = Date.UTC(2026, 2, 1, 10, 0, 20);
      assert.deepEqual((await drain(store, { modelVersion: "v1", since }, 100)).ids, [
        "r-021",
        "r-022",
        "r-023",
        "r-024",
      ]);
      const everything = await drain(store, {}, 4);
      assert.deepEqual(
        everything.ids.sort(),
        [...Array(25).keys()].map((i) => record(i, "").requestId),
      );
      assert.deepEqual((await drain(store, { since }, 3)).ids.sort(), [
        "r-020",
        "r-021",
        "r-022",
        "r-023",
        "r-024",
      ]);
    } finally {
      await close();
    }
  });

  Deno.test(`${name}: all() yields every record of a version across pages; forged cursors are rejected`, async () => {
    const { store, close } = await open();
    try {
      for (let i = 0; i < 12; i++) await store.put(record(i, i < 4 ? "v2" : "v1"));
      const seen: string[] = [];
      for await (const r of store.all("v2")) seen.push(r.requestId);
      assert.deepEqual(seen, ["r-000", "r-001", "r-002", "r-003"]);
      let n = 0;
      for await (const _ of store.all()) n++;
      assert.equal(n, 12);
      await assert.rejects(() => store.list({ limit: 5, cursor: "forged!" }), InvalidCursorError);
      await assert.rejects(
        () => store.list({ limit: 5, cursor: btoa(JSON.stringify({ secret: "x" })) }),
        InvalidCursorError,
      );
    } finally {
      await close();
    }
  });
}

contract(
  "MemoryFeedbackStore",
  () => Promise.resolve({ store: new MemoryFeedbackStore(), close: () => Promise.resolve() }),
);

contract("DynamoDbFeedbackStore", async () => {
  const server = await startLocalDynamoDb();
  const client = new DynamoDBClient({
    region: "eu-west-1",
    endpoint: server.endpoint,
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" },
  });
  await ensureFeedbackTable(client, "ml-news-feedback");
  await ensureFeedbackTable(client, "ml-news-feedback"); // idempotent
  return {
    store: new DynamoDbFeedbackStore(client, "ml-news-feedback"),
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
});
