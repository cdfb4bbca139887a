/** The storage port of the feedback service: what the app needs, in its own terms. */
import type { FeedbackRecord } from "./record.ts";

export interface PutResult {
  /** False when a record with this requestId existed; `record` is then the stored one. */
  readonly created: boolean;
  readonly record: FeedbackRecord;
}

export interface ListQuery {
  readonly modelVersion?: string;
  /** Epoch milliseconds; only records created at or after it. */
  readonly since?: number;
  readonly limit: number;
  /** Opaque, from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface Page {
  readonly items: readonly FeedbackRecord[];
  /** Present while more records may follow; a page can be short and still have one. */
  readonly nextCursor?: string;
}

export interface FeedbackStore {
  /** Stores a record unless its requestId is taken; atomic per requestId. */
  put(record: FeedbackRecord): Promise<PutResult>;
  /** One page: oldest first within a model version; unordered across versions. */
  list(query: ListQuery): Promise<Page>;
  /** Every record (of one model version if given), for aggregates. */
  all(modelVersion?: string): AsyncIterable<FeedbackRecord>;
}

/** A cursor that this store did not issue (edited, truncated, or from another query). */
export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(`invalid cursor: ${reason}`);
    this.name = "InvalidCursorError";
  }
}
