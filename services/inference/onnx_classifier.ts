/**
 * {@link Classifier} backed by onnxruntime-node: featurize with the shared featurizer
 * (configuration from the model card), pad the batch into `[n, maxLength]` int32/float
 * tensors, run the ONNX graph, read `scores`.
 */
import * as ort from "onnxruntime-node";
import { type Document, featurize, type SparseFeatures } from "../../ml/featurizer.ts";
import { CATEGORIES, type Category } from "../../ml/labels.ts";
import type { ModelCard } from "../../ml/model_card.ts";
import { INPUT_INDICES, INPUT_VALUES, OUTPUT_SCORES } from "../../ml/onnx/export.ts";
import type { Classifier, Prediction } from "./classifier.ts";

export interface ScoreRows {
  /** Row-major `[n, CATEGORIES.length]` probabilities. */
  readonly scores: Float32Array;
  readonly rows: number;
}

export class OnnxClassifier implements Classifier {
  private constructor(readonly card: ModelCard, private readonly session: ort.InferenceSession) {}

  /** Create a session from ONNX bytes; single-threaded, as the service scales by tasks. */
  static async create(onnx: Uint8Array, card: ModelCard): Promise<OnnxClassifier> {
    const session = await ort.InferenceSession.create(onnx, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
    return new OnnxClassifier(card, session);
  }

  /** Raw model scores for already featurized documents (parity tests use this). */
  async scoreFeatures(features: readonly SparseFeatures[]): Promise<ScoreRows> {
    const rows = features.length;
    let width = 1;
    for (const f of features) width = Math.max(width, f.indices.length);
    const indices = new Int32Array(rows * width);
    const values = new Float32Array(rows * width);
    features.forEach((f, i) => {
      indices.set(f.indices, i * width);
      values.set(f.values, i * width);
    });
    const out = await this.session.run({
      [INPUT_INDICES]: new ort.Tensor("int32", indices, [rows, width]),
      [INPUT_VALUES]: new ort.Tensor("float32", values, [rows, width]),
    }, [OUTPUT_SCORES]);
    return { scores: out[OUTPUT_SCORES]!.data as Float32Array, rows };
  }

  async classify(docs: readonly Document[]): Promise<Prediction[]> {
    if (docs.length === 0) return [];
    const config = this.card.featurizer;
    const { scores } = await this.scoreFeatures(docs.map((d) => featurize(d, config)));
    return docs.map((_, i) => predictionOf(scores, i));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

function predictionOf(scores: Float32Array, row: number): Prediction {
  const k = CATEGORIES.length;
  const byName = {} as Record<Category, number>;
  let best = 0;
  for (let c = 0; c < k; c++) {
    const s = scores[row * k + c]!;
    byName[CATEGORIES[c]!] = s;
    if (s > scores[row * k + best]!) best = c;
  }
  return { category: CATEGORIES[best]!, label: best + 1, scores: byName };
}
