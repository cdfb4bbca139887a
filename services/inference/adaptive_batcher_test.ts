import assert from "node:assert/strict";
import type { Document } from "../../ml/featurizer.ts";
import { AdaptiveBatcher } from "./adaptive_batcher.ts";
import type { Classifier, Prediction } from "./classifier.ts";
import { FAKE_CARD, FakeClassifier } from "./fake_classifier_test_helper.ts";

/** Wraps the fake classifier so each call waits until the test releases it. */
class GatedClassifier implements Classifier {
  readonly card = FAKE_CARD;
  readonly inner = new FakeClassifier();
  private gates: (() => void)[] = [];
  failNext = false;

  async classify(docs: readonly Document[]): Promise<Prediction[]> {
    await new Promise<void>((r) => this.gates.push(r));
    if (this.failNext) {
      this.failNext = false;
      throw new Error("model failed");
    }
    return this.inner.classify(docs);
  }
  release(): void {
    this.gates.shift()?.();
  }
  get waiting(): number {
    return this.gates.length;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const doc = (text: string): Document => ({ text });

Deno.test("AdaptiveBatcher runs a lone request at once, without waiting for company", async () => {
  const gated = new GatedClassifier();
  const batcher = new AdaptiveBatcher(gated, { maxBatch: 256 });
  const result = batcher.classify([doc("the match")]);
  await tick();
  assert.equal(gated.waiting, 1);
  gated.release();
  assert.equal((await result)[0]!.category, "Sports");
  assert.deepEqual(batcher.stats(), { calls: 1, documents: 1 });
});

Deno.test("AdaptiveBatcher merges requests that arrive during a call into the next call, in order", async () => {
  const gated = new GatedClassifier();
  const batcher = new AdaptiveBatcher(gated, { maxBatch: 256 });
  const first = batcher.classify([doc("x")]);
  await tick();
  const a = batcher.classify([doc("shares"), doc("match")]);
  const b = batcher.classify([doc("software")]);
  const c = batcher.classify([doc("election")]);
  gated.release();
  await first;
  await tick();
  gated.release();
  assert.deepEqual((await a).map((p) => p.category), ["Business", "Sports"]);
  assert.deepEqual((await b).map((p) => p.category), ["Sci/Tech"]);
  assert.deepEqual((await c).map((p) => p.category), ["World"]);
  assert.deepEqual(gated.inner.calls.map((call) => call.length), [1, 4]);
  assert.deepEqual(batcher.stats(), { calls: 2, documents: 5 });
});

Deno.test("AdaptiveBatcher never sends more than maxBatch documents in one call", async () => {
  const gated = new GatedClassifier();
  const batcher = new AdaptiveBatcher(gated, { maxBatch: 3 });
  const first = batcher.classify([doc("a")]);
  await tick();
  const queued = [batcher.classify([doc("b"), doc("c")]), batcher.classify([doc("d"), doc("e")])];
  for (let i = 0; i < 3; i++) {
    gated.release();
    await tick();
  }
  await Promise.all([first, ...queued]);
  assert.deepEqual(gated.inner.calls.map((call) => call.length), [1, 2, 2]);
});

Deno.test("AdaptiveBatcher rejects every request of a failed call and keeps serving", async () => {
  const gated = new GatedClassifier();
  const batcher = new AdaptiveBatcher(gated, { maxBatch: 256 });
  const first = batcher.classify([doc("a")]);
  await tick();
  const x = batcher.classify([doc("b")]);
  const y = batcher.classify([doc("c")]);
  gated.release();
  await first;
  await tick();
  gated.failNext = true;
  gated.release();
  await assert.rejects(x, /model failed/);
  await assert.rejects(y, /model failed/);
  const after = batcher.classify([doc("match")]);
  await tick();
  gated.release();
  assert.equal((await after)[0]!.category, "Sports");
});
