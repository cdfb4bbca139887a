import assert from "node:assert/strict";
import { classificationMetrics, formatMetrics } from "./metrics.ts";

Deno.test("classificationMetrics() computes accuracy, per-class precision/recall and macro-F1", () => {
  // truth:     W W W S S B T T
  // predicted: W W S S S B B T
  const m = classificationMetrics([0, 0, 0, 1, 1, 2, 3, 3], [0, 0, 1, 1, 1, 2, 2, 3]);
  assert.equal(m.accuracy, 0.75);
  assert.deepEqual(m.perClass.World, { precision: 1, recall: 0.666667, f1: 0.8, support: 3 });
  assert.deepEqual(m.perClass.Sports, { precision: 0.666667, recall: 1, f1: 0.8, support: 2 });
  assert.deepEqual(m.perClass.Business, { precision: 0.5, recall: 1, f1: 0.666667, support: 1 });
  assert.deepEqual(m.perClass["Sci/Tech"], { precision: 1, recall: 0.5, f1: 0.666667, support: 2 });
  assert.equal(m.macroF1, Math.round(((0.8 + 0.8 + 2 / 3 + 2 / 3) / 4) * 1e6) / 1e6);
  assert.deepEqual(m.confusionMatrix, [[2, 1, 0, 0], [0, 2, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]]);
  assert.match(formatMetrics("t", m), /accuracy 75\.00%/);
});

Deno.test("classificationMetrics() gives zero precision for a class never predicted", () => {
  const m = classificationMetrics([3, 3], [0, 0]);
  assert.equal(m.perClass["Sci/Tech"].precision, 0);
  assert.equal(m.perClass["Sci/Tech"].recall, 0);
  assert.equal(m.accuracy, 0);
});

Deno.test("classificationMetrics() rejects label arrays of different lengths", () => {
  assert.throws(() => classificationMetrics([0, 1], [0]), /2 labels but predicted has 1/);
});
