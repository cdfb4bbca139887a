/**
 * Runs a labelled sample through one inference endpoint: every example classified (a few in
 * flight at once), each request timed, then accuracy, macro-F1, per-class recall and latency
 * percentiles. A failed request is counted in `errors`, never silently dropped or guessed.
 */
import { classificationMetrics } from "../../ml/metrics.ts";
import { CATEGORIES, type Category } from "../common/categories.ts";
import type { Classifier } from "./classifier.ts";
import type { LabelledExample } from "./held_out.ts";
import { type LatencySummary, latencySummary } from "./latency.ts";

export interface EndpointResult {
  readonly endpoint: string;
  readonly examples: number;
  /** Examples that got an answer. Metrics are over these. */
  readonly answered: number;
  readonly errors: number;
  /** The first few request errors, for a person to read. */
  readonly errorSamples: readonly string[];
  readonly accuracy: number | null;
  readonly macroF1: number | null;
  readonly perClassRecall: Readonly<Record<Category, number>> | null;
  readonly latencyMs: LatencySummary | null;
  /** Model versions the endpoint reported, with counts. */
  readonly servedVersions: Readonly<Record<string, number>>;
}

export interface RunOptions {
  readonly classifier: Classifier;
  /** Monotonic milliseconds (default `performance.now`). */
  readonly now?: () => number;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
}

export async function runSample(
  endpoint: string,
  sample: readonly LabelledExample[],
  options: RunOptions,
): Promise<EndpointResult> {
  const now = options.now ?? (() => performance.now());
  const truth: number[] = [];
  const predicted: number[] = [];
  const latencies: number[] = [];
  const errors: string[] = [];
  const served: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < sample.length) {
      const example = sample[next++]!;
      const start = now();
      try {
        const answer = await options.classifier.classify(endpoint, example);
        latencies.push(now() - start);
        truth.push(CATEGORIES.indexOf(example.label));
        predicted.push(CATEGORIES.indexOf(answer.category));
        if (answer.modelVersion) {
          served[answer.modelVersion] = (served[answer.modelVersion] ?? 0) + 1;
        }
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const metrics = truth.length > 0 ? classificationMetrics(truth, predicted) : undefined;
  return {
    endpoint,
    examples: sample.length,
    answered: truth.length,
    errors: errors.length,
    errorSamples: errors.slice(0, 3),
    accuracy: metrics?.accuracy ?? null,
    macroF1: metrics?.macroF1 ?? null,
    perClassRecall: metrics
      ? Object.fromEntries(CATEGORIES.map((c) => [c, metrics.perClass[c].recall])) as Record<
        Category,
        number
      >
      : null,
    latencyMs: latencySummary(latencies),
    servedVersions: served,
  };
}
