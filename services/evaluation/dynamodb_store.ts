/**
 * {@link EvaluationStore} on DynamoDB, so `GET /v1/evaluations/{id}` finds an evaluation
 * whichever Lambda instance ran it. Table: hash key `id` (S); the evaluation is stored as its
 * JSON document (`body`), with `expiresAt` (epoch seconds, 30 days on) for DynamoDB TTL.
 * An adapter file: it imports the AWS SDK.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { ensureTable } from "../common/dynamodb_table.ts";
import type { Evaluation } from "./evaluation.ts";
import type { EvaluationStore } from "./store.ts";

const RETENTION_SECONDS = 30 * 86_400;

export class DynamoDbEvaluationStore implements EvaluationStore {
  constructor(private readonly client: DynamoDBClient, private readonly table: string) {}

  async save(evaluation: Evaluation): Promise<void> {
    const created = Math.floor(Date.parse(evaluation.createdAt) / 1000);
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          id: { S: evaluation.id },
          createdAt: { S: evaluation.createdAt },
          body: { S: JSON.stringify(evaluation) },
          expiresAt: { N: String(created + RETENTION_SECONDS) },
        },
      }),
    );
  }

  async get(id: string): Promise<Evaluation | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: { id: { S: id } }, ConsistentRead: true }),
    );
    const body = out.Item?.["body"]?.S;
    return body === undefined ? undefined : JSON.parse(body) as Evaluation;
  }
}

export interface OpenEvaluationStoreOptions {
  readonly table: string;
  readonly endpoint?: string;
  /** Create the table when missing (local runs). */
  readonly createTable?: boolean;
}

/** A store on a client configured the standard SDK way (region, credentials, endpoint env). */
export async function openDynamoDbEvaluationStore(
  options: OpenEvaluationStoreOptions,
): Promise<DynamoDbEvaluationStore> {
  const client = new DynamoDBClient(options.endpoint ? { endpoint: options.endpoint } : {});
  if (options.createTable) {
    await ensureTable(client, {
      TableName: options.table,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    });
  }
  return new DynamoDbEvaluationStore(client, options.table);
}
