/**
 * Where finished evaluations are kept for `GET /v1/evaluations/{id}`: in process memory, the
 * newest `capacity` of them. On Lambda that is per warm instance (see README).
 */
import type { Evaluation } from "./evaluation.ts";

export interface EvaluationStore {
  save(evaluation: Evaluation): Promise<void>;
  get(id: string): Promise<Evaluation | undefined>;
}

export class MemoryEvaluationStore implements EvaluationStore {
  readonly #items = new Map<string, Evaluation>();
  constructor(private readonly capacity = 500) {}

  save(evaluation: Evaluation): Promise<void> {
    this.#items.set(evaluation.id, evaluation);
    while (this.#items.size > this.capacity) this.#items.delete(this.#items.keys().next().value!);
    return Promise.resolve();
  }

  get(id: string): Promise<Evaluation | undefined> {
    return Promise.resolve(this.#items.get(id));
  }
}
