import assert from "node:assert/strict";
import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import {
  DynamoDbFeedbackStore,
  ensureFeedbackTable,
} from "../../services/feedback/dynamodb_store.ts";
import { startLocalAws } from "../mod.ts";
import { closeDynamoDbInstances } from "./target.ts";

function client(endpoint: string, accountId: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: accountId, secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

Deno.test("local AWS serves DynamoDB per account: the feedback store works through it and errors are typed", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "local-aws-dynamodb-" });
  const aws = await startLocalAws({ stateDir });
  const dev = client(aws.endpoint, "000000000001");
  const prod = client(aws.endpoint, "000000000002");
  try {
    await ensureFeedbackTable(dev, "ml-news-feedback");
    const store = new DynamoDbFeedbackStore(dev, "ml-news-feedback");
    const record = {
      requestId: "r-1",
      modelVersion: "v1",
      predicted: "World" as const,
      correct: "Business" as const,
      text: "Oil falls",
      createdAt: "2026-03-01T10:00:00.000Z",
    };
    assert.equal((await store.put(record)).created, true);
    assert.equal((await store.put({ ...record, correct: "Sports" })).created, false);
    assert.deepEqual((await store.list({ limit: 10, modelVersion: "v1" })).items, [record]);

    await assert.rejects(
      () =>
        dev.send(
          new PutItemCommand({
            TableName: "ml-news-feedback",
            Item: { requestId: { S: "r-1" } },
            ConditionExpression: "attribute_not_exists(requestId)",
          }),
        ),
      ConditionalCheckFailedException,
    );
    assert.deepEqual((await prod.send(new ListTablesCommand({}))).TableNames, []);
    await assert.rejects(
      () => prod.send(new DescribeTableCommand({ TableName: "ml-news-feedback" })),
      ResourceNotFoundException,
    );
  } finally {
    dev.destroy();
    prod.destroy();
    await aws.close();
    await closeDynamoDbInstances();
    await Deno.remove(stateDir, { recursive: true });
  }
});
