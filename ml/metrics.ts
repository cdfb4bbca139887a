/**
 * Classification metrics: accuracy, macro-F1, per-class precision/recall/F1 and the
 * confusion matrix (rows = true class, columns = predicted class, CATEGORIES order).
 */
import { CATEGORIES, type Category } from "./labels.ts";

export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface ClassificationMetrics {
  readonly rows: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: Readonly<Record<Category, ClassMetrics>>;
  readonly confusionMatrix: readonly (readonly number[])[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Metrics of predicted vs true class indices (same length, values in 0..3). */
export function classificationMetrics(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ClassificationMetrics {
  if (truth.length !== predicted.length) {
    throw new Error(`truth has ${truth.length} labels but predicted has ${predicted.length}`);
  }
  const k = CATEGORIES.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!, p = predicted[i]!;
    matrix[t]![p]!++;
    if (t === p) correct++;
  }
  const perClass = {} as Record<Category, ClassMetrics>;
  let f1Sum = 0;
  CATEGORIES.forEach((name, c) => {
    const tp = matrix[c]![c]!;
    const support = matrix[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    f1Sum += f1;
    perClass[name] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
  });
  return {
    rows: truth.length,
    accuracy: round(truth.length === 0 ? 0 : correct / truth.length),
    macroF1: round(f1Sum / k),
    perClass,
    confusionMatrix: matrix,
  };
}

/** A human-readable report (accuracy, macro-F1, per-class table, confusion matrix). */
export function formatMetrics(title: string, m: ClassificationMetrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `${title}: ${m.rows} rows, accuracy ${pct(m.accuracy)}, macro-F1 ${pct(m.macroF1)}`,
    `  ${"class".padEnd(10)} ${"precision".padStart(9)} ${"recall".padStart(7)} ${
      "F1".padStart(7)
    }`,
  ];
  for (const name of CATEGORIES) {
    const c = m.perClass[name];
    lines.push(
      `  ${name.padEnd(10)} ${pct(c.precision).padStart(9)} ${pct(c.recall).padStart(7)} ${
        pct(c.f1).padStart(7)
      }`,
    );
  }
  lines.push(`  confusion (rows true, columns predicted: ${CATEGORIES.join(", ")})`);
  for (const [i, row] of m.confusionMatrix.entries()) {
    lines.push(`  ${CATEGORIES[i]!.padEnd(10)} ${row.map((v) => String(v).padStart(6)).join("")}`);
  }
  return lines.join("\n");
}
