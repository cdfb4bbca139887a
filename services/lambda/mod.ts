/**
 * Lambda adapter: runs a Web-standard app (Hono) as a Lambda function behind an API Gateway
 * HTTP API or a function URL (payload format 2.0). The app never knows it runs on Lambda.
 *
 * Handler side: {@link lambdaHandler} (event → Request → app → result).
 * Caller side (local AWS function URLs, tests): {@link toHttpEvent} and {@link toResponse}.
 *
 * ```ts
 * import { lambdaHandler } from "./mod.ts";
 * export const handler = lambdaHandler({ fetch: () => new Response("ok") });
 * ```
 */
export type { HttpEventV2, HttpResultV2, LambdaContext } from "./event.ts";
export { assertHttpEventV2, toRequest, UnsupportedEventError } from "./to_request.ts";
export { toResult } from "./to_result.ts";
export { type FetchApp, lambdaHandler, type LambdaHttpHandler } from "./handler.ts";
export { type ToEventOptions, toHttpEvent } from "./to_event.ts";
export { toResponse } from "./to_response.ts";
export { BUILD_FLAGS_FILE, type BuildFlags, packagedApp, parseBuildFlags } from "./build_flags.ts";
