/**
 * {@link FeedbackStore} on DynamoDB (the only feedback file that imports the AWS SDK).
 *
 * Table: hash key `requestId` (S), so "write once per requestId" is one conditional PutItem
 * (`attribute_not_exists(requestId)`) and idempotency needs no second item or transaction.
 * GSI `byModelVersion`: hash `modelVersion`, range `createdAt` (ISO text sorts by time), for
 * paging one model version oldest first. Listing across versions is a Scan (unordered).
 * Cursors are the base64url of `LastEvaluatedKey`, checked on the way back in.
 */
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { ensureTable, type EnsureTableOptions } from "../common/dynamodb_table.ts";
import { isCategory } from "../common/categories.ts";
import type { FeedbackRecord } from "./record.ts";
import {
  type FeedbackStore,
  InvalidCursorError,
  type ListQuery,
  type Page,
  type PutResult,
} from "./store.ts";

export const MODEL_VERSION_INDEX = "byModelVersion";
type Item = Record<string, AttributeValue>;
const KEY_ATTRIBUTES = ["requestId", "modelVersion", "createdAt"];

export class DynamoDbFeedbackStore implements FeedbackStore {
  constructor(private readonly client: DynamoDBClient, private readonly table: string) {}

  async put(record: FeedbackRecord): Promise<PutResult> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: toItem(record),
          ConditionExpression: "attribute_not_exists(requestId)",
        }),
      );
      return { created: true, record };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const existing = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: { requestId: { S: record.requestId } },
        ConsistentRead: true,
      }),
    );
    if (!existing.Item) {
      throw new Error(`record ${record.requestId} vanished after a conditional write failed`);
    }
    return { created: false, record: fromItem(existing.Item) };
  }

  async list(query: ListQuery): Promise<Page> {
    const start = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const sinceIso = query.since === undefined ? undefined : new Date(query.since).toISOString();
    const out = query.modelVersion === undefined
      ? await this.client.send(
        new ScanCommand({
          TableName: this.table,
          Limit: query.limit,
          ExclusiveStartKey: start,
          ...(sinceIso === undefined ? {} : {
            FilterExpression: "createdAt >= :since",
            ExpressionAttributeValues: { ":since": { S: sinceIso } },
          }),
        }),
      )
      : await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: MODEL_VERSION_INDEX,
          Limit: query.limit,
          ExclusiveStartKey: start,
          KeyConditionExpression: sinceIso === undefined
            ? "modelVersion = :mv"
            : "modelVersion = :mv AND createdAt >= :since",
          ExpressionAttributeValues: {
            ":mv": { S: query.modelVersion },
            ...(sinceIso === undefined ? {} : { ":since": { S: sinceIso } }),
          },
        }),
      );
    const items = (out.Items ?? []).map(fromItem);
    return out.LastEvaluatedKey
      ? { items, nextCursor: encodeCursor(out.LastEvaluatedKey) }
      : { items };
  }

  async *all(modelVersion?: string): AsyncIterable<FeedbackRecord> {
    let cursor: string | undefined;
    do {
      const page = await this.list({
        limit: 1000,
        ...(modelVersion === undefined ? {} : { modelVersion }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
}

/**
 * Creates the feedback table (on-demand billing, with its index) if it does not exist and waits
 * until it is ACTIVE. For local runs and tests; on AWS the table belongs to the infrastructure.
 */
export async function ensureFeedbackTable(
  client: DynamoDBClient,
  table: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  await ensureTable(client, {
    TableName: table,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "requestId", AttributeType: "S" },
      { AttributeName: "modelVersion", AttributeType: "S" },
      { AttributeName: "createdAt", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "requestId", KeyType: "HASH" }],
    GlobalSecondaryIndexes: [{
      IndexName: MODEL_VERSION_INDEX,
      KeySchema: [
        { AttributeName: "modelVersion", KeyType: "HASH" },
        { AttributeName: "createdAt", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    }],
  }, options);
}

function toItem(r: FeedbackRecord): Item {
  const item: Item = {
    requestId: { S: r.requestId },
    modelVersion: { S: r.modelVersion },
    predicted: { S: r.predicted },
    correct: { S: r.correct },
    createdAt: { S: r.createdAt },
  };
  if (r.text !== undefined) item["text"] = { S: r.text };
  if (r.title !== undefined) item["title"] = { S: r.title };
  if (r.description !== undefined) item["description"] = { S: r.description };
  return item;
}

function fromItem(item: Item): FeedbackRecord {
  const s = (name: string): string | undefined => item[name]?.S;
  const predicted = s("predicted");
  const correct = s("correct");
  if (!isCategory(predicted) || !isCategory(correct)) {
    throw new Error(`stored feedback ${s("requestId")} has an unknown category`);
  }
  const text = s("text");
  const title = s("title");
  const description = s("description");
  return {
    requestId: s("requestId") ?? "",
    modelVersion: s("modelVersion") ?? "",
    predicted,
    correct,
    ...(text === undefined ? {} : { text }),
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    createdAt: s("createdAt") ?? "",
  };
}

function encodeCursor(key: Item): string {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(key)) plain[name] = value.S ?? "";
  return btoa(JSON.stringify(plain)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

function decodeCursor(cursor: string): Item {
  let plain: unknown;
  try {
    plain = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    throw new InvalidCursorError("not issued by this service");
  }
  if (typeof plain !== "object" || plain === null || Array.isArray(plain)) {
    throw new InvalidCursorError("not issued by this service");
  }
  const key: Item = {};
  for (const [name, value] of Object.entries(plain)) {
    if (!KEY_ATTRIBUTES.includes(name) || typeof value !== "string") {
      throw new InvalidCursorError(`unexpected key ${JSON.stringify(name)}`);
    }
    key[name] = { S: value };
  }
  if (!("requestId" in key)) throw new InvalidCursorError("missing requestId");
  return key;
}

export interface OpenOptions {
  readonly table: string;
  /** Endpoint override (local DynamoDB); the SDK's own resolution otherwise. */
  readonly endpoint?: string;
  /** Create the table if missing (local runs). */
  readonly createTable?: boolean;
  /**
   * For an embedded local server: a fixed region and dummy static credentials, so no AWS
   * configuration is needed.
   */
  readonly embedded?: boolean;
}

/**
 * A store on a DynamoDB client configured the standard SDK way: region, credentials and
 * `AWS_ENDPOINT_URL_DYNAMODB` from the environment / credential chain.
 */
export async function openDynamoDbFeedbackStore(
  options: OpenOptions,
): Promise<DynamoDbFeedbackStore> {
  const client = new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.embedded
      ? { region: "local", credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" } }
      : {}),
  });
  if (options.createTable) await ensureFeedbackTable(client, options.table);
  return new DynamoDbFeedbackStore(client, options.table);
}
