/**
 * The port the inference app talks to: classify documents with one model version.
 * Implemented by {@link OnnxClassifier} (onnxruntime) and by fakes in route tests.
 */
import type { Document } from "../../ml/featurizer.ts";
import type { Category } from "../../ml/labels.ts";
import type { ModelCard } from "../../ml/model_card.ts";

export interface Prediction {
  readonly category: Category;
  /** AG News class number: 1 = World, 2 = Sports, 3 = Business, 4 = Sci/Tech. */
  readonly label: number;
  readonly scores: Readonly<Record<Category, number>>;
}

export interface Classifier {
  readonly card: ModelCard;
  /** One prediction per document, in order. */
  classify(docs: readonly Document[]): Promise<Prediction[]>;
}
