/**
 * The evaluation app wired to its real collaborators from configuration: one place for both
 * entries (`main.ts` for `deno task serve evaluation`, `lambda.ts` for the Lambda runtime),
 * which differ only in where the held-out sample comes from.
 */
import { logSink } from "../common/log_sink.ts";
import { createApp } from "./app.ts";
import { httpClassifier } from "./classifier.ts";
import type { EvaluationConfig } from "./config.ts";
import { openDynamoDbEvaluationStore } from "./dynamodb_store.ts";
import type { LabelledExample } from "./held_out.ts";
import { feedbackOverHttp } from "./recent_feedback.ts";
import { MemoryEvaluationStore } from "./store.ts";

export async function wiredApp(
  config: EvaluationConfig,
  heldOut: readonly LabelledExample[],
): Promise<ReturnType<typeof createApp>> {
  return createApp({
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
}
