/**
 * The one JSON error shape every service returns: `{error: {code, message, field?}}`.
 *
 * Handlers throw {@link ApiError}; {@link onError} and {@link notFound} turn it (and
 * anything unexpected) into that shape, so no route ever answers with HTML or a stack.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}

/** A client-facing error with an HTTP status and a stable machine-readable code. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Hono `app.onError` handler: ApiError as itself, anything else as an opaque 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.field), err.status);
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled error", error: String(err) }));
  return c.json(errorBody("internal", "internal server error"), 500);
}

/** Hono `app.notFound` handler in the same shape. */
export function notFound(c: Context): Response {
  return c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);
}
