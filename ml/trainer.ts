/**
 * Training of the {@link LinearModel}: smoothed IDF from the training rows, then
 * multinomial logistic regression by SGD (shuffled with a seeded PRNG, linearly decaying
 * learning rate, L2 decay on the rows a document touches, optional averaging of the
 * epoch-end weights). Pure: the same rows and
 * options give byte-identical weights.
 */
import type { FeaturizerConfig, SparseFeatures } from "./featurizer.ts";
import { CLASS_COUNT } from "./labels.ts";
import { type LinearModel, logitsOf, normalisedValues, softmaxInPlace } from "./linear_model.ts";
import { mulberry32, shuffleInPlace } from "./random.ts";

export interface TrainingExample {
  readonly features: SparseFeatures;
  readonly label: number;
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 decay per update on touched weights. */
  readonly l2: number;
  readonly seed: number;
  /** Average the weights at the end of each epoch from this one on (1-based; 0 = off). */
  readonly averageFromEpoch: number;
}

export interface EpochProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly rowsDone: number;
  readonly rows: number;
  /** Mean cross-entropy so far in this epoch. */
  readonly loss: number;
}

/** Smoothed IDF: `ln((1 + N) / (1 + df)) + 1`, as scikit-learn's `smooth_idf`. */
export function computeIdf(rows: readonly TrainingExample[], bucketBits: number): Float32Array {
  const df = new Uint32Array(2 ** bucketBits);
  for (const r of rows) for (const j of r.features.indices) df[j]!++;
  const idf = new Float32Array(df.length);
  for (let j = 0; j < df.length; j++) idf[j] = Math.log((1 + rows.length) / (1 + df[j]!)) + 1;
  return idf;
}

/** Train a model; `onProgress` is called every few thousand rows and at each epoch end. */
export function trainLinearModel(
  rows: readonly TrainingExample[],
  featurizer: FeaturizerConfig,
  options: TrainingOptions & { readonly onProgress?: (p: EpochProgress) => void },
): LinearModel {
  if (rows.length === 0) throw new Error("trainLinearModel: no training rows");
  const idf = computeIdf(rows, featurizer.bucketBits);
  const model: LinearModel = {
    featurizer,
    idf,
    weights: new Float32Array(2 ** featurizer.bucketBits * CLASS_COUNT),
    bias: new Float32Array(CLASS_COUNT),
  };
  const inputs = rows.map((r) => normalisedValues(model, r.features));
  const order = rows.map((_, i) => i);
  const random = mulberry32(options.seed);
  const total = options.epochs * rows.length;
  const { weights: W, bias } = model;
  let step = 0;
  const averageFrom = options.averageFromEpoch > 0 ? options.averageFromEpoch : Infinity;
  const sumW = Number.isFinite(averageFrom) ? new Float64Array(W.length) : undefined;
  const sumB = new Float64Array(CLASS_COUNT);
  let snapshots = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let lossSum = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const { indices } = rows[i]!.features;
      const x = inputs[i]!;
      const lr = options.learningRate * (1 - step++ / total);
      const p = softmaxInPlace(logitsOf(model, indices, x));
      const label = rows[i]!.label;
      lossSum -= Math.log(Math.max(p[label]!, 1e-12));
      p[label]! -= 1;
      const decay = 1 - lr * options.l2;
      for (let n = 0; n < indices.length; n++) {
        const row = indices[n]! * CLASS_COUNT;
        const xj = x[n]!;
        for (let c = 0; c < CLASS_COUNT; c++) W[row + c] = W[row + c]! * decay - lr * p[c]! * xj;
      }
      for (let c = 0; c < CLASS_COUNT; c++) bias[c]! -= lr * p[c]!;
      if (options.onProgress !== undefined && ((k + 1) % 4096 === 0 || k + 1 === order.length)) {
        options.onProgress({
          epoch,
          epochs: options.epochs,
          rowsDone: k + 1,
          rows: order.length,
          loss: lossSum / (k + 1),
        });
      }
    }
    if (sumW !== undefined && epoch >= averageFrom) {
      for (let j = 0; j < W.length; j++) sumW[j]! += W[j]!;
      for (let c = 0; c < CLASS_COUNT; c++) sumB[c]! += bias[c]!;
      snapshots++;
    }
  }
  if (sumW !== undefined && snapshots > 0) {
    for (let j = 0; j < W.length; j++) W[j] = sumW[j]! / snapshots;
    for (let c = 0; c < CLASS_COUNT; c++) bias[c] = sumB[c]! / snapshots;
  }
  return model;
}
