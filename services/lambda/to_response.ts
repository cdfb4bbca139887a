import { decodeBase64 } from "./base64.ts";

/**
 * Turns what a handler returned into the HTTP response a function URL would send, following
 * the function URL response rules: a result object with `statusCode` is used as is (base64
 * bodies decoded, `cookies` as `set-cookie`); any other JSON value becomes a 200
 * `application/json` response with that value as the body.
 */
export function toResponse(payload: unknown): Response {
  if (typeof payload === "object" && payload !== null && "statusCode" in payload) {
    const r = payload as {
      statusCode: number;
      headers?: Record<string, string>;
      cookies?: string[];
      body?: string;
      isBase64Encoded?: boolean;
    };
    const headers = new Headers(r.headers ?? {});
    for (const cookie of r.cookies ?? []) headers.append("set-cookie", cookie);
    const body = r.body === undefined || r.body === ""
      ? null
      : r.isBase64Encoded
      ? decodeBase64(r.body)
      : r.body;
    return new Response(body, { status: r.statusCode, headers });
  }
  return new Response(JSON.stringify(payload ?? null), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}
