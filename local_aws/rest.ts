import type { AwsError } from "./aws_error.ts";
import type { RequestContext } from "./context.ts";

/**
 * A REST-JSON service (Lambda): a table of routes, each naming its AWS operation (used by
 * fault rules) and a handler free of HTTP-framework types.
 */
export interface RestService {
  /** Short name used by fault rules (`lambda:UpdateAlias`). */
  readonly service: string;
  readonly routes: readonly RestRoute[];
  /** The error a throttling fault produces. */
  throttleError(): AwsError;
  /** The error a 5xx fault produces. */
  serverError(status: number): AwsError;
}

export interface RestRoute {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Hono path pattern, e.g. `/2015-03-31/functions/:fn/aliases/:name`. */
  readonly path: string;
  readonly operation: string;
  handle(request: RestRequest): Promise<RestResponse>;
}

export interface RestRequest {
  readonly ctx: RequestContext;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: Uint8Array<ArrayBuffer>;
}

export interface RestResponse {
  readonly status: number;
  /** A JSON body; absent for empty responses (204). */
  readonly json?: unknown;
  /** A raw body (Invoke's payload). */
  readonly bytes?: Uint8Array<ArrayBuffer>;
  readonly headers?: Readonly<Record<string, string>>;
}
