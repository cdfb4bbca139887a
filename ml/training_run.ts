/**
 * One training run, without I/O: tune-time model on train minus a validation tail
 * (validation metrics), final model refit on all of train.csv with the same settings,
 * evaluation on the test split when given, ONNX export and the model card.
 */
import type { Dataset, LabelledDocument } from "./dataset.ts";
import { sha256Hex } from "./dataset.ts";
import { featurize, type FeaturizerConfig } from "./featurizer.ts";
import { CATEGORIES } from "./labels.ts";
import { argmax, type LinearModel, predictScores } from "./linear_model.ts";
import { type ClassificationMetrics, classificationMetrics } from "./metrics.ts";
import { MODEL_NAME, type ModelCard, shortVersionOf } from "./model_card.ts";
import { exportOnnx, ONNX_OPSET } from "./onnx/export.ts";
import {
  type EpochProgress,
  type TrainingExample,
  type TrainingOptions,
  trainLinearModel,
} from "./trainer.ts";
import { splitValidation } from "./dataset.ts";

export interface NamedDataset extends Dataset {
  /** File name recorded in the card (no machine-specific path). */
  readonly file: string;
}

export interface TrainingRunOptions {
  readonly featurizer: FeaturizerConfig;
  readonly training: TrainingOptions;
  readonly validationFraction: number;
  /** Evaluation-only data (test.csv); never used to fit or tune. */
  readonly test?: NamedDataset;
  readonly createdAt: Date;
  readonly producerVersion: string;
  readonly onProgress?: (phase: "validation fit" | "final fit", p: EpochProgress) => void;
}

export interface TrainingRunResult {
  readonly model: LinearModel;
  readonly onnx: Uint8Array;
  readonly card: ModelCard;
}

function examples(rows: readonly LabelledDocument[], config: FeaturizerConfig): TrainingExample[] {
  return rows.map((r) => ({ features: featurize(r, config), label: r.label }));
}

/** Accuracy and friends of `model` on labelled rows. */
export function evaluate(
  model: LinearModel,
  rows: readonly LabelledDocument[],
): ClassificationMetrics {
  const truth = rows.map((r) => r.label);
  const predicted = rows.map((r) => argmax(predictScores(model, featurize(r, model.featurizer))));
  return classificationMetrics(truth, predicted);
}

export async function runTraining(
  train: NamedDataset,
  options: TrainingRunOptions,
): Promise<TrainingRunResult> {
  const { featurizer, training } = options;
  const split = splitValidation(train.rows, options.validationFraction);
  const fitOn = (rows: readonly LabelledDocument[], phase: "validation fit" | "final fit") =>
    trainLinearModel(examples(rows, featurizer), featurizer, {
      ...training,
      ...(options.onProgress
        ? { onProgress: (p: EpochProgress) => options.onProgress!(phase, p) }
        : {}),
    });
  const validationModel = fitOn(split.train, "validation fit");
  const validation = evaluate(validationModel, split.validation);
  const model = fitOn(train.rows, "final fit");
  const onnx = exportOnnx(model, { producerVersion: options.producerVersion });
  const version = `sha256:${await sha256Hex(onnx)}`;
  const test = options.test;
  const card: ModelCard = {
    name: MODEL_NAME,
    version,
    shortVersion: shortVersionOf(version),
    createdAt: options.createdAt.toISOString(),
    modelFamily:
      "hashed word uni+bigrams, sub-linear TF-IDF, L2-normalised; multinomial logistic regression (SGD)",
    categories: [...CATEGORIES],
    artifact: { file: "model.onnx", bytes: onnx.byteLength, opset: ONNX_OPSET },
    featurizer,
    hyperParameters: { ...training, validationFraction: options.validationFraction },
    trainingData: {
      file: train.file,
      digest: train.digest,
      rows: train.rows.length,
      trainRows: split.train.length,
      validationRows: split.validation.length,
      finalFitRows: train.rows.length,
    },
    metrics: {
      validation,
      ...(test === undefined ? {} : {
        test: {
          ...evaluate(model, test.rows),
          data: { file: test.file, digest: test.digest, rows: test.rows.length },
        },
      }),
    },
  };
  return { model, onnx, card };
}
