/**
 * Reads a request body as one JSON object, with every way it can be wrong turned into an
 * {@link ApiError}: wrong content type (415), too large (413, checked while streaming so a
 * lying or missing Content-Length does not help), invalid UTF-8, malformed JSON or not an
 * object (400).
 */
import type { Context } from "hono";
import { ApiError } from "./errors.ts";

export interface JsonBodyOptions {
  /** Largest accepted body in bytes. */
  readonly maxBytes: number;
}

export async function readJsonObject(
  c: Context,
  options: JsonBodyOptions,
): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `expected content-type application/json, got ${type === "" ? "none" : JSON.stringify(type)}`,
    );
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > options.maxBytes) throw tooLarge(options.maxBytes);
  const bytes = await readCapped(c.req.raw, options.maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid_utf8", "request body is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError(
      400,
      "invalid_json",
      `request body is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const found = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new ApiError(400, "invalid_body", `expected a JSON object, got ${found}`);
  }
  return value as Record<string, unknown>;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "payload_too_large", `request body is larger than ${maxBytes} bytes`);
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
