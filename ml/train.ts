/**
 * `deno task train [--data DIR] [--out DIR] [--limit N] [--epochs N] [--seed N]`
 *
 * Trains the AG News classifier on DIR/train.csv, evaluates it on DIR/test.csv,
 * writes `OUT/<shortVersion>/{model.onnx,model_card.json}`, points `OUT/CURRENT` at it
 * and prints the model card.
 */
import { parseArgs } from "node:util";
import { readAgNews } from "./dataset.ts";
import { DEFAULT_FEATURIZER, DEFAULT_TRAINING, VALIDATION_FRACTION } from "./hyperparameters.ts";
import { formatMetrics } from "./metrics.ts";
import { writeModel } from "./model_store.ts";
import { progressReporter, type ProgressSink } from "./progress.ts";
import { runTraining } from "./training_run.ts";

export const DEFAULT_DATA_DIR = "../shared/data/ag_news";
export const DEFAULT_MODELS_DIR = "ml/models";
const PRODUCER_VERSION = "1";

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`--${name}: expected a positive integer, found ${JSON.stringify(raw)}`);
  }
  return n;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: "string", default: DEFAULT_DATA_DIR },
      out: { type: "string", default: DEFAULT_MODELS_DIR },
      limit: { type: "string" },
      epochs: { type: "string" },
      seed: { type: "string" },
    },
    strict: true,
  });
  const limit = positiveInt("limit", values.limit);
  const epochs = positiveInt("epochs", values.epochs) ?? DEFAULT_TRAINING.epochs;
  const seed = positiveInt("seed", values.seed) ?? DEFAULT_TRAINING.seed;
  const train = await readAgNews(`${values.data}/train.csv`);
  const test = await readAgNews(`${values.data}/test.csv`);
  const rows = limit === undefined ? train.rows : train.rows.slice(0, limit);
  const isTerminal = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  const sinks = new Map<string, ProgressSink>();
  const started = performance.now();
  const { card, onnx } = await runTraining({ ...train, rows, file: "train.csv" }, {
    featurizer: DEFAULT_FEATURIZER,
    training: { ...DEFAULT_TRAINING, epochs, seed },
    validationFraction: VALIDATION_FRACTION,
    test: { ...test, file: "test.csv" },
    createdAt: new Date(),
    producerVersion: PRODUCER_VERSION,
    onProgress: (phase, p) => {
      let sink = sinks.get(phase);
      if (sink === undefined) {
        for (const s of sinks.values()) s.done();
        sink = progressReporter(phase, {
          isTerminal,
          write: (s) => Deno.stderr.writeSync(encoder.encode(s)),
          now: () => performance.now(),
        });
        sinks.set(phase, sink);
      }
      sink.update(p);
    },
  });
  for (const s of sinks.values()) s.done();
  const dir = await writeModel(values.out, { onnx, card });
  console.log(JSON.stringify(card, null, 2));
  console.log(formatMetrics("validation (tail of train.csv)", card.metrics.validation));
  if (card.metrics.test) console.log(formatMetrics("test.csv", card.metrics.test));
  console.log(
    `model ${card.shortVersion} written to ${dir} (${onnx.byteLength} bytes) in ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s`,
  );
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (e) {
    console.error(`train: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(2);
  }
}
