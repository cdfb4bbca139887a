/**
 * The inference server (`deno task serve inference`): loads the model version named by
 * `MODEL_VERSION` (12-hex short version; default: `ml/models/CURRENT`) or the directory
 * `MODEL_DIR`, serves on `HOST` (default 127.0.0.1) : `PORT` (default 8080), warms the
 * model up and only then reports ready. SIGTERM/SIGINT: stop accepting, finish in-flight
 * requests (new ones get 503 while draining), exit.
 */
import { modelDir, readModel } from "../../ml/model_store.ts";
import { serveGracefully } from "../common/graceful_serve.ts";
import { portFromEnv } from "../common/serve_app.ts";
import { createApp } from "./app.ts";
import { AdaptiveBatcher } from "./adaptive_batcher.ts";
import { OnnxClassifier } from "./onnx_classifier.ts";

export const DEFAULT_PORT = 8080;
export const MODELS_ROOT = new URL("../../ml/models", import.meta.url).pathname;

const WARM_UP = {
  title: "Stocks rally as oil prices fall",
  text: "Shares rose on Wall Street after crude oil futures dropped and earnings beat forecasts.",
};

function log(msg: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", service: "inference", msg, ...extra }));
}

export async function main(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const started = performance.now();
  const port = portFromEnv(env, DEFAULT_PORT);
  const dir = env["MODEL_DIR"] || await modelDir(MODELS_ROOT, env["MODEL_VERSION"]);
  const { onnx, card } = await readModel(dir);
  const classifier = await OnnxClassifier.create(onnx, card);
  let ready = false;
  const served = serveGracefully(
    createApp({
      model: new AdaptiveBatcher(classifier, { maxBatch: 256 }),
      isReady: () => ready && !served.draining(),
    }),
    {
      name: "inference",
      port,
      hostname: env["HOST"] || "127.0.0.1",
    },
  );
  await classifier.classify([WARM_UP]);
  ready = true;
  log("ready", { modelVersion: card.version, ms: Math.round(performance.now() - started) });
  await served.finished;
  ready = false;
  await classifier.release();
  log("stopped");
}

if (import.meta.main) await main(Deno.env.toObject());
