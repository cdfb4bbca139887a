/** In-process {@link FeedbackStore}: for `app.request()` tests and a store-less local run. */
import type { FeedbackRecord } from "./record.ts";
import {
  type FeedbackStore,
  InvalidCursorError,
  type ListQuery,
  type Page,
  type PutResult,
} from "./store.ts";

export class MemoryFeedbackStore implements FeedbackStore {
  readonly #byId = new Map<string, FeedbackRecord>();

  put(record: FeedbackRecord): Promise<PutResult> {
    const existing = this.#byId.get(record.requestId);
    if (existing) return Promise.resolve({ created: false, record: existing });
    this.#byId.set(record.requestId, record);
    return Promise.resolve({ created: true, record });
  }

  // deno-lint-ignore require-await -- async so a bad cursor is a rejection, as in the real store
  async list(query: ListQuery): Promise<Page> {
    const offset = query.cursor === undefined ? 0 : decodeOffset(query.cursor);
    const matching = this.#matching(query.modelVersion, query.since);
    const items = matching.slice(offset, offset + query.limit);
    const next = offset + items.length;
    return next < matching.length ? { items, nextCursor: `m${next}` } : { items };
  }

  async *all(modelVersion?: string): AsyncIterable<FeedbackRecord> {
    yield* this.#matching(modelVersion, undefined);
  }

  #matching(modelVersion: string | undefined, since: number | undefined): FeedbackRecord[] {
    const sinceIso = since === undefined ? "" : new Date(since).toISOString();
    return [...this.#byId.values()]
      .filter((r) => modelVersion === undefined || r.modelVersion === modelVersion)
      .filter((r) => r.createdAt >= sinceIso)
      .sort((a, b) =>
        a.createdAt < b.createdAt
          ? -1
          : a.createdAt > b.createdAt
          ? 1
          : a.requestId < b.requestId
          ? -1
          : 1
      );
  }
}

function decodeOffset(cursor: string): number {
  const match = /^m(\d{1,9})$/.exec(cursor);
  if (!match) throw new InvalidCursorError("not issued by this store");
  return Number(match[1]);
}
