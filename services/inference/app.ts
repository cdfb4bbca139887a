/**
 * The inference HTTP API (Hono, runtime-agnostic; no environment access):
 *
 * - `POST /v1/classify` `{title?, text}` → `{category, label, scores, modelVersion, requestId}`
 * - `POST /v1/classify/batch` `{items: [{title?, text}, …]}` (≤ 256) → `{items, modelVersion, requestId}`
 * - `GET /v1/model` → the model card
 * - `GET /healthz` (alive), `GET /readyz` (model loaded and warmed up), `GET /metrics`
 *
 * `label` is the AG News class number (1 = World … 4 = Sci/Tech); `modelVersion` is the
 * model card's `version` (sha256 of model.onnx). Bad input → `{error: {code, message, field?}}`.
 */
import { Hono } from "hono";
import { errorBody, notFound, onError } from "../common/errors.ts";
import { readJsonRequest } from "./json_request.ts";
import { PROMETHEUS_CONTENT_TYPE } from "../../lib/prometheus.ts";
import type { Classifier, Prediction } from "./classifier.ts";
import { InferenceMetrics } from "./metrics.ts";
import { DEFAULT_LIMITS, parseBatch, parseDocument, type RequestLimits } from "./request_body.ts";

/** Monotonic milliseconds (latency measurement). */
export interface Clock {
  now(): number;
}

export interface InferenceAppDeps {
  readonly model: Classifier;
  readonly clock?: Clock;
  /** Whether warm-up is done (`/readyz`); always ready by default. */
  readonly isReady?: () => boolean;
  readonly metrics?: InferenceMetrics;
  readonly limits?: Partial<RequestLimits>;
  /** New request ids when the caller sends no valid `x-request-id`. */
  readonly newRequestId?: () => string;
}

type Env = { Variables: { requestId: string } };

const ROUTES = new Set([
  "/v1/classify",
  "/v1/classify/batch",
  "/v1/model",
  "/healthz",
  "/readyz",
  "/metrics",
]);
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createApp(deps: InferenceAppDeps): Hono<Env> {
  const { model } = deps;
  const clock = deps.clock ?? performance;
  const isReady = deps.isReady ?? (() => true);
  const metrics = deps.metrics ?? new InferenceMetrics();
  const limits: RequestLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const newRequestId = deps.newRequestId ?? (() => crypto.randomUUID());
  const modelVersion = model.card.version;
  metrics.modelInfo.set([model.card.version, model.card.shortVersion], 1);
  const cardJson = JSON.stringify(model.card);

  const app = new Hono<Env>();
  app.onError(onError);
  app.notFound(notFound);

  app.use(async (c, next) => {
    const start = clock.now();
    const given = c.req.header("x-request-id");
    const requestId = given !== undefined && VALID_REQUEST_ID.test(given) ? given : newRequestId();
    c.set("requestId", requestId);
    await next();
    c.header("x-request-id", requestId);
    const path = c.req.path;
    metrics.observeRequest(
      ROUTES.has(path) ? path : "unmatched",
      c.res.status,
      (clock.now() - start) / 1000,
    );
  });

  const count = (predictions: readonly Prediction[]) => {
    for (const p of predictions) metrics.predictions.inc([p.category]);
  };

  app.post("/v1/classify", async (c) => {
    const body = await readJsonRequest(c, { maxBytes: limits.maxBodyBytes });
    const [p] = await model.classify([parseDocument(body, "", limits)]);
    count([p!]);
    return c.json({
      category: p!.category,
      label: p!.label,
      scores: p!.scores,
      modelVersion,
      requestId: c.get("requestId"),
    });
  });

  app.post("/v1/classify/batch", async (c) => {
    const body = await readJsonRequest(c, { maxBytes: limits.maxBodyBytes });
    const predictions = await model.classify(parseBatch(body, limits));
    count(predictions);
    return c.json({ items: predictions, modelVersion, requestId: c.get("requestId") });
  });

  app.get("/v1/model", (c) => c.body(cardJson, 200, { "content-type": "application/json" }));
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", (c) => {
    if (isReady()) return c.json({ status: "ready", modelVersion });
    return c.json(errorBody("not_ready", "model is loading or warming up"), 503);
  });
  app.get("/metrics", (c) => {
    metrics.ready.set([], isReady() ? 1 : 0);
    return c.body(metrics.registry.render(), 200, { "content-type": PROMETHEUS_CONTENT_TYPE });
  });
  return app;
}
