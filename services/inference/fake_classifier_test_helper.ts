/**
 * A keyword classifier implementing the {@link Classifier} port, for route tests that
 * need no ONNX model. It records every call so tests can assert batching.
 */
import type { Document } from "../../ml/featurizer.ts";
import { CATEGORIES, type Category } from "../../ml/labels.ts";
import type { ModelCard } from "../../ml/model_card.ts";
import type { Classifier, Prediction } from "./classifier.ts";

export const FAKE_VERSION = `sha256:${"ab".repeat(32)}`;

export const FAKE_CARD = {
  name: "ml-news-classifier",
  version: FAKE_VERSION,
  shortVersion: "abababababab",
  createdAt: "2026-01-01T00:00:00.000Z",
} as unknown as ModelCard;

const KEYWORDS: Readonly<Record<string, Category>> = {
  match: "Sports",
  shares: "Business",
  software: "Sci/Tech",
};

export class FakeClassifier implements Classifier {
  readonly card = FAKE_CARD;
  readonly calls: Document[][] = [];
  failWith: Error | undefined;

  classify(docs: readonly Document[]): Promise<Prediction[]> {
    this.calls.push([...docs]);
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve(docs.map((d) => {
      const words = `${d.title ?? ""} ${d.text}`.toLowerCase();
      const hit = Object.keys(KEYWORDS).find((k) => words.includes(k));
      const category: Category = hit === undefined ? "World" : KEYWORDS[hit]!;
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, c === category ? 0.7 : 0.1]),
      ) as Record<Category, number>;
      return { category, label: CATEGORIES.indexOf(category) + 1, scores };
    }));
  }
}
