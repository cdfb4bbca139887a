/**
 * Lambda entry of ml-news-feedback (bundled to `index.mjs`, handler `index.handler`). The app is
 * built on the first invocation from the function's environment variables.
 */
import process from "node:process";
import { logSink } from "../common/log_sink.ts";
import { lambdaHandler, packagedApp } from "../lambda/mod.ts";
import { createApp } from "./app.ts";
import { feedbackConfig } from "./config.ts";
import { openDynamoDbFeedbackStore } from "./dynamodb_store.ts";

export const handler = lambdaHandler(async () => {
  const config = feedbackConfig(process.env);
  const store = await openDynamoDbFeedbackStore(config);
  return packagedApp(
    createApp({ store, log: logSink(config.logLevel) }),
    new URL("./", import.meta.url),
  );
});
