/**
 * The classifier: multinomial logistic regression over TF-IDF-weighted, L2-normalised
 * hashed features. This TypeScript forward pass is the reference the ONNX graph
 * (see onnx_export.ts) must reproduce; both compute, for a document's sparse vector `v`:
 *
 *   w = v ⊙ idf[indices];  x = w / max(‖w‖₂, ε);  logits = Σ x_j · W[indices_j] + b;
 *   scores = softmax(logits)
 */
import type { FeaturizerConfig, SparseFeatures } from "./featurizer.ts";
import { CLASS_COUNT } from "./labels.ts";

export const NORM_EPSILON = 1e-12;

export interface LinearModel {
  readonly featurizer: FeaturizerConfig;
  /** Inverse document frequency per bucket, length `2 ** bucketBits`. */
  readonly idf: Float32Array;
  /** Row-major `[bucket][class]`, length `2 ** bucketBits * CLASS_COUNT`. */
  readonly weights: Float32Array;
  /** Length CLASS_COUNT. */
  readonly bias: Float32Array;
}

/** TF-IDF weights of a document, L2-normalised (the model's input layer). */
export function normalisedValues(model: LinearModel, x: SparseFeatures): Float32Array {
  const out = new Float32Array(x.values.length);
  let sum = 0;
  for (let i = 0; i < out.length; i++) {
    const w = Math.fround(x.values[i]! * model.idf[x.indices[i]!]!);
    out[i] = w;
    sum += w * w;
  }
  const norm = Math.max(Math.sqrt(sum), NORM_EPSILON);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

/** Logits for features already passed through {@link normalisedValues}. */
export function logitsOf(
  model: LinearModel,
  indices: Int32Array,
  normalised: Float32Array,
): Float64Array {
  const out = Float64Array.from(model.bias);
  const w = model.weights;
  for (let i = 0; i < indices.length; i++) {
    const x = normalised[i]!;
    const row = indices[i]! * CLASS_COUNT;
    for (let c = 0; c < CLASS_COUNT; c++) out[c]! += x * w[row + c]!;
  }
  return out;
}

/** Softmax in place over a logit vector; returns it. */
export function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    logits[c] = Math.exp(logits[c]! - max);
    sum += logits[c]!;
  }
  for (let c = 0; c < logits.length; c++) logits[c] = logits[c]! / sum;
  return logits;
}

/** Class probabilities (CATEGORIES order) for one featurized document. */
export function predictScores(model: LinearModel, x: SparseFeatures): Float64Array {
  return softmaxInPlace(logitsOf(model, x.indices, normalisedValues(model, x)));
}

/** Index of the largest score (first on ties). */
export function argmax(scores: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}
