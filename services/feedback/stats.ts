/**
 * Feedback aggregates: per model version, how many corrections, how many confirmed the
 * prediction, and a confusion matrix of the disagreements (predicted → correct → count).
 */
import type { Category } from "../common/categories.ts";
import type { FeedbackRecord } from "./record.ts";

export interface ModelFeedbackStats {
  readonly modelVersion: string;
  readonly total: number;
  /** Records whose `correct` equals `predicted`. */
  readonly agreed: number;
  readonly disagreed: number;
  /** `confusion[predicted][correct]` for every disagreeing pair seen. */
  readonly confusion: Readonly<Partial<Record<Category, Partial<Record<Category, number>>>>>;
}

export interface FeedbackStats {
  readonly total: number;
  readonly models: readonly ModelFeedbackStats[];
}

export async function feedbackStats(
  records: AsyncIterable<FeedbackRecord>,
): Promise<FeedbackStats> {
  const byModel = new Map<
    string,
    { total: number; agreed: number; confusion: Record<string, Record<string, number>> }
  >();
  let total = 0;
  for await (const r of records) {
    total++;
    let m = byModel.get(r.modelVersion);
    if (!m) byModel.set(r.modelVersion, m = { total: 0, agreed: 0, confusion: {} });
    m.total++;
    if (r.predicted === r.correct) {
      m.agreed++;
    } else {
      const row = m.confusion[r.predicted] ??= {};
      row[r.correct] = (row[r.correct] ?? 0) + 1;
    }
  }
  const models = [...byModel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([modelVersion, m]) => ({
      modelVersion,
      total: m.total,
      agreed: m.agreed,
      disagreed: m.total - m.agreed,
      confusion: m.confusion,
    }));
  return { total, models };
}
