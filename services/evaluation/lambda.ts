/**
 * Lambda entry of ml-news-evaluation (bundled to `index.mjs`, handler `index.handler`). The
 * held-out sample is the one packaged beside the handler (`data/held_out.json`).
 */
import { readFile } from "node:fs/promises";
import process from "node:process";
import { logSink } from "../common/log_sink.ts";
import { lambdaHandler, packagedApp } from "../lambda/mod.ts";
import { createApp } from "./app.ts";
import { httpClassifier } from "./classifier.ts";
import { evaluationConfig } from "./config.ts";
import { openDynamoDbEvaluationStore } from "./dynamodb_store.ts";
import type { LabelledExample } from "./held_out.ts";
import { feedbackOverHttp } from "./recent_feedback.ts";
import { MemoryEvaluationStore } from "./store.ts";

export const handler = lambdaHandler(async () => {
  const config = evaluationConfig(process.env);
  const heldOut: LabelledExample[] = JSON.parse(
    await readFile(new URL("./data/held_out.json", import.meta.url), "utf8"),
  );
  const app = createApp({
    heldOut,
    classifier: httpClassifier(),
    store: config.evaluationsTable
      ? await openDynamoDbEvaluationStore(config.evaluationsTable)
      : new MemoryEvaluationStore(),
    thresholds: config.thresholds,
    targets: config.targets,
    ...(config.endpointAllowlist ? { endpointAllowlist: config.endpointAllowlist } : {}),
    ...(config.feedbackUrl ? { recentFeedback: feedbackOverHttp(config.feedbackUrl) } : {}),
    log: logSink(config.logLevel),
  });
  return packagedApp(app, new URL("./", import.meta.url));
});
