/**
 * Request id + one structured JSON log line per request. The id is the caller's
 * `x-request-id` (the Lambda adapter fills it with the Lambda request id) or a new UUID; it is
 * echoed in the response header and available to handlers as `c.get("requestId")`.
 */
import type { MiddlewareHandler } from "hono";

export type RequestIdEnv = { Variables: { requestId: string } };

export interface AccessLogOptions {
  /** Where log lines go; `console.log` by default. */
  readonly write?: (line: string) => void;
  /** Monotonic milliseconds; `performance.now` by default. */
  readonly now?: () => number;
  /** Service name written on every line. */
  readonly service: string;
}

const VALID_ID = /^[\w.:-]{1,128}$/;

export function accessLog(options: AccessLogOptions): MiddlewareHandler<RequestIdEnv> {
  const write = options.write ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => performance.now());
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const requestId = given && VALID_ID.test(given) ? given : crypto.randomUUID();
    c.set("requestId", requestId);
    const start = now();
    await next();
    c.header("x-request-id", requestId);
    write(JSON.stringify({
      level: c.res.status >= 500 ? "error" : "info",
      service: options.service,
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((now() - start) * 100) / 100,
    }));
  };
}
