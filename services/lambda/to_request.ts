import { decodeBase64 } from "./base64.ts";
import type { HttpEventV2 } from "./event.ts";

/** Thrown when the Lambda was invoked with something that is not an HTTP payload 2.0 event. */
export class UnsupportedEventError extends Error {
  constructor(what: string) {
    super(
      `expected an API Gateway HTTP API / function URL event (payload format 2.0), ${what}`,
    );
    this.name = "UnsupportedEventError";
  }
}

/** Checks the shape of an incoming event and narrows it; says what was found when it is wrong. */
export function assertHttpEventV2(event: unknown): asserts event is HttpEventV2 {
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    throw new UnsupportedEventError(`got ${event === null ? "null" : typeof event}`);
  }
  const e = event as Record<string, unknown>;
  if (e["version"] !== "2.0") {
    throw new UnsupportedEventError(`got version ${JSON.stringify(e["version"] ?? null)}`);
  }
  const ctx = e["requestContext"] as Record<string, unknown> | undefined;
  const http = ctx?.["http"] as Record<string, unknown> | undefined;
  if (typeof http?.["method"] !== "string") {
    throw new UnsupportedEventError("got no requestContext.http.method");
  }
  if (typeof e["rawPath"] !== "string" || !e["rawPath"].startsWith("/")) {
    throw new UnsupportedEventError(`got rawPath ${JSON.stringify(e["rawPath"] ?? null)}`);
  }
}

/**
 * Turns a payload 2.0 event into the Web `Request` the app would get from any server:
 * URL from domain + raw path + raw query string, headers as sent (cookies folded back into
 * one `cookie` header, as API Gateway splits them out), body decoded from base64 if needed.
 */
export function toRequest(event: HttpEventV2): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name, value);
  }
  if (event.cookies && event.cookies.length > 0) headers.set("cookie", event.cookies.join("; "));
  const host = event.requestContext.domainName ?? headers.get("host") ?? "lambda.local";
  const proto = headers.get("x-forwarded-proto") ?? "https";
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  const url = `${proto}://${host}${event.rawPath}${query}`;
  const method = event.requestContext.http.method.toUpperCase();
  const init: RequestInit = { method, headers };
  if (method !== "GET" && method !== "HEAD" && event.body != null) {
    init.body = event.isBase64Encoded ? decodeBase64(event.body) : event.body;
  }
  return new Request(url, init);
}
