/**
 * Local server for the evaluation service (`deno task serve evaluation`, port from `PORT`,
 * default 8083). The held-out sample is read from AG News test.csv in `AG_NEWS_DIR` (default
 * `../shared/data/ag_news` beside the repository), sliced as the package slices it.
 */
import { logSink } from "../common/log_sink.ts";
import { portFromEnv, serveApp } from "../common/serve_app.ts";
import { REPO_ROOT } from "../packaging/build_package.ts";
import { createApp } from "./app.ts";
import { httpClassifier } from "./classifier.ts";
import { evaluationConfig } from "./config.ts";
import { openDynamoDbEvaluationStore } from "./dynamodb_store.ts";
import { agNewsTestCsv, readHeldOut } from "./package_data.ts";
import { feedbackOverHttp } from "./recent_feedback.ts";
import { MemoryEvaluationStore } from "./store.ts";

export const DEFAULT_PORT = 8083;

export async function main(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const config = evaluationConfig(env);
  const heldOut = await readHeldOut(agNewsTestCsv(REPO_ROOT, env["AG_NEWS_DIR"] || undefined));
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
  await serveApp(app, { name: "evaluation", port: portFromEnv(env, DEFAULT_PORT) }).finished;
}

if (import.meta.main) await main(Deno.env.toObject());
