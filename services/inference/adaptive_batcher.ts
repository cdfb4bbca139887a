/**
 * A {@link Classifier} that merges concurrent requests into one model call. When the
 * model is idle a request runs at once (no added latency at low load); while a call is
 * in flight, arriving requests queue and all of them go in the next call (up to
 * `maxBatch` documents). onnxruntime's per-call overhead (tensor creation, N-API, thread
 * hand-off) is then paid once per batch instead of once per request.
 */
import type { Document } from "../../ml/featurizer.ts";
import type { Classifier, Prediction } from "./classifier.ts";

interface Pending {
  readonly docs: readonly Document[];
  readonly resolve: (p: Prediction[]) => void;
  readonly reject: (e: unknown) => void;
}

export interface BatchStats {
  readonly calls: number;
  readonly documents: number;
}

export class AdaptiveBatcher implements Classifier {
  private queue: Pending[] = [];
  private running = false;
  private calls = 0;
  private documents = 0;

  constructor(private readonly inner: Classifier, private readonly options: { maxBatch: number }) {}

  get card() {
    return this.inner.card;
  }

  /** Model calls made and documents sent, for observing the batching. */
  stats(): BatchStats {
    return { calls: this.calls, documents: this.documents };
  }

  classify(docs: readonly Document[]): Promise<Prediction[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && size + next.docs.length > this.options.maxBatch) break;
      batch.push(this.queue.shift()!);
      size += next.docs.length;
    }
    return batch;
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const docs = batch.length === 1 ? batch[0]!.docs : batch.flatMap((p) => p.docs);
      this.calls++;
      this.documents += docs.length;
      try {
        const predictions = await this.inner.classify(docs);
        let offset = 0;
        for (const p of batch) {
          p.resolve(predictions.slice(offset, offset + p.docs.length));
          offset += p.docs.length;
        }
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    this.running = false;
  }
}
