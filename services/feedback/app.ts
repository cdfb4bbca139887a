/**
 * The feedback service: records corrections of predictions and serves them back.
 *
 * - `POST /v1/feedback` → 201 with the record; the same `requestId` again → 200 with the
 *   stored record (idempotent), or 409 if the second body says something else.
 * - `GET /v1/feedback?modelVersion=&since=&limit=&cursor=` → `{items, nextCursor?}`.
 * - `GET /v1/feedback/stats?modelVersion=` → counts and disagreement matrix per model version.
 * - `GET /healthz`.
 */
import { Hono } from "hono";
import { accessLog, type RequestIdEnv } from "../common/access_log.ts";
import { ApiError, notFound, onError } from "../common/errors.ts";
import {
  optionalInt,
  optionalString,
  optionalTimestamp,
  rejectUnknownFields,
} from "../common/fields.ts";
import { readJsonObject } from "../common/json_body.ts";
import { ID_PATTERN, parseFeedback, sameContent } from "./record.ts";
import { feedbackStats } from "./stats.ts";
import { type FeedbackStore, InvalidCursorError } from "./store.ts";

export interface FeedbackDeps {
  readonly store: FeedbackStore;
  /** Epoch milliseconds; `Date.now` by default. */
  readonly now?: () => number;
  /** Ids for records sent without `requestId`; random UUIDs by default. */
  readonly newId?: () => string;
  /** Log line sink; `console.log` by default. */
  readonly log?: (line: string) => void;
}

export const MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function createApp(deps: FeedbackDeps): Hono<RequestIdEnv> {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const app = new Hono<RequestIdEnv>();
  app.use(accessLog({ service: "feedback", ...(deps.log ? { write: deps.log } : {}) }));
  app.onError(onError);
  app.notFound(notFound);

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.post("/v1/feedback", async (c) => {
    const body = await readJsonObject(c, { maxBytes: MAX_BODY_BYTES });
    const record = parseFeedback(body, { now: now(), newId });
    const result = await deps.store.put(record);
    if (!result.created && !sameContent(result.record, record)) {
      throw new ApiError(
        409,
        "idempotency_conflict",
        `requestId "${record.requestId}" was already used for different feedback`,
        "requestId",
      );
    }
    return c.json(result.record, result.created ? 201 : 200);
  });

  app.get("/v1/feedback", async (c) => {
    const q = c.req.query();
    rejectUnknownFields(q, ["modelVersion", "since", "limit", "cursor"]);
    const modelVersion = optionalString(q, "modelVersion", { maxLength: 128, pattern: ID_PATTERN });
    const since = optionalTimestamp(q, "since");
    const limit = optionalInt(q, "limit", { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
    const cursor = optionalString(q, "cursor", { maxLength: 4096 });
    try {
      const page = await deps.store.list({
        limit,
        ...(modelVersion !== undefined ? { modelVersion } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      return c.json(page);
    } catch (err) {
      if (err instanceof InvalidCursorError) {
        throw new ApiError(400, "invalid_cursor", err.message, "cursor");
      }
      throw err;
    }
  });

  app.get("/v1/feedback/stats", async (c) => {
    const q = c.req.query();
    rejectUnknownFields(q, ["modelVersion"]);
    const modelVersion = optionalString(q, "modelVersion", { maxLength: 128, pattern: ID_PATTERN });
    return c.json(await feedbackStats(deps.store.all(modelVersion)));
  });

  return app;
}
