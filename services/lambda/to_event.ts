import { encodeBase64, isTextual } from "./base64.ts";
import type { HttpEventV2 } from "./event.ts";

export interface ToEventOptions {
  /** `requestContext.requestId`; a random UUID when absent. */
  readonly requestId?: string;
  /** `requestContext.domainName`; the request URL's host when absent. */
  readonly domainName?: string;
  readonly sourceIp?: string;
  /** Event time; now when absent. */
  readonly timeEpoch?: number;
}

/**
 * The inverse of `toRequest`: builds the payload 2.0 event a function URL (or an HTTP API
 * `$default` route) would send for this request. Local AWS uses it to serve function URLs;
 * tests use it to invoke handlers with real event shapes. Header names are lower-cased and
 * repeated headers comma-joined, cookies split out into `cookies`, and the body base64-encoded
 * unless it is textual, as AWS does.
 */
export async function toHttpEvent(
  request: Request,
  options: ToEventOptions = {},
): Promise<HttpEventV2> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== "cookie") headers[name] = value;
  });
  const cookieHeader = request.headers.get("cookie");
  const cookies = cookieHeader ? cookieHeader.split(/;\s*/).filter((c) => c.length > 0) : [];
  const bytes = new Uint8Array(await request.arrayBuffer());
  const textual = isTextual(request.headers.get("content-type"));
  const time = options.timeEpoch ?? Date.now();
  const event: HttpEventV2 = {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      requestId: options.requestId ?? crypto.randomUUID(),
      domainName: options.domainName ?? url.host,
      timeEpoch: time,
      http: {
        method: request.method,
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: options.sourceIp ?? "127.0.0.1",
        userAgent: request.headers.get("user-agent") ?? "",
      },
    },
    isBase64Encoded: bytes.length > 0 && !textual,
    ...(cookies.length > 0 ? { cookies } : {}),
    ...(bytes.length > 0
      ? { body: textual ? new TextDecoder().decode(bytes) : encodeBase64(bytes) }
      : {}),
  };
  return event;
}
