/**
 * The evaluation service: measures a model endpoint's quality on labelled data; the quality
 * gate for inference canaries.
 *
 * - `POST /v1/evaluations` `{endpoint, baseline?, modelVersion?, sample?, feedback?}` → 201 with
 *   the evaluation (run synchronously) and `Location: /v1/evaluations/{id}`.
 * - `GET /v1/evaluations/{id}` → the stored evaluation.
 * - `GET /v1/verdict?target=canary|stable[&sample=n]` → a fresh evaluation of the configured
 *   target (canary against stable as baseline), for a `web` analysis provider.
 * - `GET /healthz`.
 */
import { Hono } from "hono";
import { accessLog, type RequestIdEnv } from "../common/access_log.ts";
import { ApiError, notFound, onError } from "../common/errors.ts";
import {
  type Fields,
  optionalInt,
  optionalString,
  rejectUnknownFields,
  requiredString,
} from "../common/fields.ts";
import { readJsonObject } from "../common/json_body.ts";
import type { Classifier } from "./classifier.ts";
import { httpUrl } from "./config.ts";
import { evaluate, type EvaluationRequest } from "./evaluation.ts";
import type { LabelledExample } from "./held_out.ts";
import type { RecentFeedback } from "./recent_feedback.ts";
import type { EvaluationStore } from "./store.ts";
import type { Thresholds } from "./verdict.ts";

export interface EvaluationDeps {
  readonly heldOut: readonly LabelledExample[];
  readonly classifier: Classifier;
  readonly store: EvaluationStore;
  readonly thresholds: Thresholds;
  readonly recentFeedback?: RecentFeedback;
  /** Verdict targets by name (`canary`, `stable`) → inference endpoint. */
  readonly targets?: Readonly<Record<string, string>>;
  /** Origins a request may name as `endpoint` / `baseline`; any http(s) URL when absent. */
  readonly endpointAllowlist?: readonly string[];
  /** Wall clock, epoch ms (default `Date.now`). */
  readonly clock?: () => number;
  /** Monotonic ms for latencies (default `performance.now`). */
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export const MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_SAMPLE = 200;
export const MAX_FEEDBACK = 500;
export const DEFAULT_FEEDBACK = 100;
const MODEL_VERSION = { regex: /^[\w.:+-]+$/, description: "letters, digits and . _ : + -" };

export function createApp(deps: EvaluationDeps): Hono<RequestIdEnv> {
  const app = new Hono<RequestIdEnv>();
  app.use(accessLog({ service: "evaluation", ...(deps.log ? { write: deps.log } : {}) }));
  app.onError(onError);
  app.notFound(notFound);
  const run = (request: EvaluationRequest) =>
    evaluate(request, {
      heldOut: deps.heldOut,
      classifier: deps.classifier,
      thresholds: deps.thresholds,
      clock: deps.clock ?? Date.now,
      newId: deps.newId ?? (() => crypto.randomUUID()),
      ...(deps.recentFeedback ? { recentFeedback: deps.recentFeedback } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    });
  const sizes = (fields: Fields) => ({
    sample: optionalInt(fields, "sample", { min: 1, max: deps.heldOut.length }) ??
      Math.min(DEFAULT_SAMPLE, deps.heldOut.length),
    feedback: optionalInt(fields, "feedback", { min: 0, max: MAX_FEEDBACK }) ??
      (deps.recentFeedback ? DEFAULT_FEEDBACK : 0),
  });

  app.get("/healthz", (c) => c.json({ status: "ok", heldOutExamples: deps.heldOut.length }));

  app.post("/v1/evaluations", async (c) => {
    const body = await readJsonObject(c, { maxBytes: MAX_BODY_BYTES });
    rejectUnknownFields(body, ["endpoint", "baseline", "modelVersion", "sample", "feedback"]);
    const allowed = deps.endpointAllowlist;
    const endpoint = url(
      requiredString(body, "endpoint", { maxLength: 2048 }),
      "endpoint",
      allowed,
    );
    const baselineRaw = optionalString(body, "baseline", { maxLength: 2048 });
    const modelVersion = optionalString(body, "modelVersion", {
      maxLength: 128,
      pattern: MODEL_VERSION,
    });
    const evaluation = await run({
      endpoint,
      ...(baselineRaw !== undefined ? { baseline: url(baselineRaw, "baseline", allowed) } : {}),
      ...(modelVersion !== undefined ? { modelVersion } : {}),
      ...sizes(body),
    });
    await deps.store.save(evaluation);
    c.header("location", `/v1/evaluations/${evaluation.id}`);
    return c.json(evaluation, 201);
  });

  app.get("/v1/evaluations/:id", async (c) => {
    const id = c.req.param("id");
    if (!/^[\w-]{1,64}$/.test(id)) {
      throw new ApiError(
        400,
        "invalid_value",
        `not an evaluation id: ${JSON.stringify(id.slice(0, 80))}`,
        "id",
      );
    }
    const evaluation = await deps.store.get(id);
    if (!evaluation) throw new ApiError(404, "evaluation_not_found", `no evaluation ${id}`, "id");
    return c.json(evaluation);
  });

  app.get("/v1/verdict", async (c) => {
    const q = c.req.query();
    rejectUnknownFields(q, ["target", "sample", "feedback", "modelVersion"]);
    const target = requiredString(q, "target", {
      maxLength: 16,
      pattern: { regex: /^(canary|stable)$/, description: "canary or stable" },
    });
    const endpoint = deps.targets?.[target];
    if (!endpoint) {
      const variable = `${target.toUpperCase()}_ENDPOINT`;
      throw new ApiError(
        503,
        "target_not_configured",
        `target ${target} has no endpoint (set ${variable})`,
      );
    }
    const baseline = target === "canary" ? deps.targets?.["stable"] : undefined;
    const modelVersion = optionalString(q, "modelVersion", {
      maxLength: 128,
      pattern: MODEL_VERSION,
    });
    const evaluation = await run({
      endpoint,
      ...(baseline ? { baseline } : {}),
      ...(modelVersion !== undefined ? { modelVersion } : {}),
      ...sizes(q),
    });
    await deps.store.save(evaluation);
    return c.json(evaluation);
  });

  return app;
}

function url(raw: string, field: string, allowlist?: readonly string[]): string {
  let checked: string;
  try {
    checked = httpUrl(raw, field);
  } catch (err) {
    throw new ApiError(400, "invalid_value", (err as Error).message, field);
  }
  if (allowlist && !allowlist.includes(new URL(checked).origin)) {
    throw new ApiError(
      400,
      "endpoint_not_allowed",
      `"${field}" must be on one of the allowed origins (${allowlist.join(", ")}), got ${
        new URL(checked).origin
      }`,
      field,
    );
  }
  return checked;
}
