/**
 * Local server for the feedback service (`deno task serve feedback`, port from `PORT`, default
 * 8081). Uses DynamoDB at `AWS_ENDPOINT_URL_DYNAMODB` when set; otherwise starts an embedded,
 * in-memory DynamoDB-compatible server (dynalite) so the service runs with no setup.
 */
import { logSink } from "../common/log_sink.ts";
import { portFromEnv, serveApp } from "../common/serve_app.ts";
import { createApp } from "./app.ts";
import { feedbackConfig } from "./config.ts";
import { openDynamoDbFeedbackStore } from "./dynamodb_store.ts";
import { startLocalDynamoDb } from "./local_dynamodb.ts";

export const DEFAULT_PORT = 8081;

export async function main(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const config = feedbackConfig(env);
  const embedded = config.endpoint ? undefined : await startLocalDynamoDb();
  if (embedded) {
    console.log(JSON.stringify({
      level: "info",
      service: "feedback",
      msg:
        `no AWS_ENDPOINT_URL_DYNAMODB: using embedded in-memory DynamoDB at ${embedded.endpoint}`,
    }));
  }
  const store = await openDynamoDbFeedbackStore({
    ...config,
    ...(embedded ? { endpoint: embedded.endpoint, createTable: true, embedded: true } : {}),
  });
  const served = serveApp(createApp({ store, log: logSink(config.logLevel) }), {
    name: "feedback",
    port: portFromEnv(env, DEFAULT_PORT),
  });
  await served.finished;
  await embedded?.close();
}

if (import.meta.main) await main(Deno.env.toObject());
