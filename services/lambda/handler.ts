import type { HttpResultV2, LambdaContext } from "./event.ts";
import { assertHttpEventV2, toRequest } from "./to_request.ts";
import { toResult } from "./to_result.ts";

/** Anything with a Web-standard `fetch`: a Hono app, or a function wrapping one. */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

export type LambdaHttpHandler = (event: unknown, context?: LambdaContext) => Promise<HttpResultV2>;

/**
 * The Lambda entry for a runtime-agnostic app: event → `Request` → app → result.
 *
 * `app` may be a promise (built lazily on the first invocation, so a failing cold start is
 * reported on the invocation that hit it and retried on the next). The Lambda request id
 * becomes the request's `x-request-id` unless the client sent one, so logs line up with
 * CloudWatch. A non-HTTP event is a programming error and is thrown, which Lambda reports as
 * a function error (`X-Amz-Function-Error: Unhandled`).
 */
export function lambdaHandler(app: FetchApp | (() => Promise<FetchApp>)): LambdaHttpHandler {
  let ready: Promise<FetchApp> | undefined;
  const getApp = (): Promise<FetchApp> => {
    if (typeof app !== "function") return Promise.resolve(app);
    ready ??= app().catch((err) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };
  return async (event, context) => {
    assertHttpEventV2(event);
    const request = toRequest(event);
    const requestId = event.requestContext.requestId ?? context?.awsRequestId;
    if (requestId && !request.headers.has("x-request-id")) {
      request.headers.set("x-request-id", requestId);
    }
    const response = await (await getApp()).fetch(request);
    return toResult(response);
  };
}
