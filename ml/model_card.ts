/**
 * The model card: what a model version is, how it was trained and how well it does.
 * `version` is the content digest of `model.onnx`, so a version names exactly one
 * artifact; `shortVersion` (the first 12 hex digits) names its directory and image tag.
 */
import type { FeaturizerConfig } from "./featurizer.ts";
import type { ClassificationMetrics } from "./metrics.ts";
import type { Category } from "./labels.ts";
import type { TrainingOptions } from "./trainer.ts";

export const MODEL_NAME = "ml-news-classifier";

export interface DataReference {
  readonly file: string;
  /** `sha256:<hex>` of the file bytes. */
  readonly digest: string;
  readonly rows: number;
}

export interface ModelCard {
  readonly name: typeof MODEL_NAME;
  /** `sha256:<hex>` of model.onnx. */
  readonly version: string;
  readonly shortVersion: string;
  readonly createdAt: string;
  readonly modelFamily: string;
  readonly categories: readonly Category[];
  readonly artifact: {
    readonly file: "model.onnx";
    readonly bytes: number;
    readonly opset: number;
  };
  readonly featurizer: FeaturizerConfig;
  readonly hyperParameters: TrainingOptions & { readonly validationFraction: number };
  readonly trainingData: DataReference & {
    readonly trainRows: number;
    readonly validationRows: number;
    /** The final model is refit on all rows of the file with the tuned settings. */
    readonly finalFitRows: number;
  };
  readonly metrics: {
    readonly validation: ClassificationMetrics;
    readonly test?: ClassificationMetrics & { readonly data: DataReference };
  };
}

/** Short version: the first 12 hex digits of the digest. */
export function shortVersionOf(version: string): string {
  const hex = version.replace(/^sha256:/, "");
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`not a sha256 digest: ${JSON.stringify(version)}`);
  }
  return hex.slice(0, 12);
}
