/**
 * Creates a DynamoDB table if it does not exist and waits until it and its indexes are ACTIVE.
 * For local runs and tests (on AWS, tables belong to the infrastructure). An adapter file: it
 * imports the AWS SDK.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";

export interface EnsureTableOptions {
  /** Give up after this long (default 60 s). */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

export async function ensureTable(
  client: DynamoDBClient,
  input: CreateTableCommandInput,
  options: EnsureTableOptions = {},
): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).every((i) =>
        i.IndexStatus === "ACTIVE"
      );
      if (Table?.TableStatus === "ACTIVE" && indexes) return;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
    if (Date.now() > deadline) {
      throw new Error(`table ${input.TableName} did not become ACTIVE in time`);
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
}
