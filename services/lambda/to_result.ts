import { encodeBase64, isTextual } from "./base64.ts";
import type { HttpResultV2 } from "./event.ts";

/**
 * Turns a Web `Response` into the payload 2.0 result: textual bodies as UTF-8, anything else
 * base64-encoded; `set-cookie` headers moved to `cookies` (API Gateway and function URLs
 * only keep one header per name otherwise).
 */
export async function toResult(response: Response): Promise<HttpResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  const bytes = new Uint8Array(await response.arrayBuffer());
  const textual = bytes.length === 0 || isTextual(response.headers.get("content-type"));
  const result: HttpResultV2 = {
    statusCode: response.status,
    headers,
    body: textual ? new TextDecoder().decode(bytes) : encodeBase64(bytes),
    isBase64Encoded: !textual,
  };
  return cookies.length > 0 ? { ...result, cookies } : result;
}
