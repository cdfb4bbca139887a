/**
 * The model registry service.
 *
 * - `GET /v1/models` → `{models: [card...]}`, newest first.
 * - `GET /v1/models/{version}` → one card, by `sha256:<hex>` or 12-hex short version.
 * - `GET /v1/deployments` → `{deployments: [...]}`: per environment, the inference image, the
 *   model version it serves (read from the image tag by `modelVersionOfTag`) and its
 *   share of traffic. 503 when no deployments source is configured.
 * - `GET /healthz`.
 */
import { modelVersionOfTag } from "../inference/image_tag.ts";
import { Hono } from "hono";
import { accessLog, type RequestIdEnv } from "../common/access_log.ts";
import { ApiError, notFound, onError } from "../common/errors.ts";
import { rejectUnknownFields } from "../common/fields.ts";
import { type ModelCatalog, VERSION_PATTERN } from "./catalog.ts";
import { type DeploymentsSource, imageTag } from "./deployments.ts";

export interface ModelDeps {
  readonly catalog: ModelCatalog;
  readonly deployments?: DeploymentsSource;
  readonly log?: (line: string) => void;
}

export function createApp(deps: ModelDeps): Hono<RequestIdEnv> {
  const app = new Hono<RequestIdEnv>();
  app.use(accessLog({ service: "model", ...(deps.log ? { write: deps.log } : {}) }));
  app.onError(onError);
  app.notFound(notFound);

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/v1/models", (c) => {
    rejectUnknownFields(c.req.query(), []);
    return c.json({ models: deps.catalog.list() });
  });

  app.get("/v1/models/:version", (c) => {
    const version = c.req.param("version");
    if (!VERSION_PATTERN.test(version)) {
      throw new ApiError(
        400,
        "invalid_version",
        `expected a model version sha256:<64 hex> or its 12-hex short form, got ${
          JSON.stringify(version.slice(0, 80))
        }`,
        "version",
      );
    }
    const card = deps.catalog.get(version);
    if (!card) throw new ApiError(404, "model_not_found", `no model version ${version}`, "version");
    return c.json(card);
  });

  app.get("/v1/deployments", async (c) => {
    rejectUnknownFields(c.req.query(), []);
    if (!deps.deployments) {
      throw new ApiError(503, "deployments_unavailable", "no deployments source is configured");
    }
    let found;
    try {
      found = await deps.deployments.deployments();
    } catch (err) {
      throw new ApiError(
        503,
        "deployments_unavailable",
        `cannot read deployments: ${(err as Error).message}`,
      );
    }
    const deployments = found.map((d) => {
      const tag = imageTag(d.image);
      const model = tag === undefined ? undefined : modelVersionOfTag(tag);
      const card = model === undefined ? undefined : deps.catalog.get(model);
      return {
        ...d,
        modelVersion: card?.version ?? null,
        shortVersion: card?.shortVersion ?? null,
      };
    });
    return c.json({ deployments });
  });

  return app;
}
