import { AwsError } from "./aws_error.ts";

/**
 * Opaque pagination tokens (Lambda `Marker`/`NextMarker`, ECS `nextToken`): the offset of the
 * next item, base64-encoded so clients treat it as opaque, as AWS's are.
 */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export interface PageOptions {
  readonly token?: string | undefined;
  readonly limit: number;
  /** Error code for a malformed token (Lambda: InvalidParameterValueException). */
  readonly invalidTokenCode: string;
}

/** Cuts one page out of `items`, starting where `options.token` says. */
export function paginate<T>(items: readonly T[], options: PageOptions): Page<T> {
  const start = options.token === undefined || options.token === ""
    ? 0
    : decodeToken(options.token, options.invalidTokenCode);
  const end = start + options.limit;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: encodeToken(end) } : { items: page };
}

function encodeToken(offset: number): string {
  return btoa(JSON.stringify({ offset }));
}

function decodeToken(token: string, code: string): number {
  try {
    const { offset } = JSON.parse(atob(token)) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new AwsError(code, `Invalid pagination token: ${token}`);
}
