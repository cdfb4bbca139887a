/**
 * What a function URL answered for one invocation, so the invocation log can count function
 * URL requests and their 4xx/5xx per version (CloudWatch's `UrlRequestCount`, `Url4xxCount`,
 * `Url5xxCount`): a handler's HTTP 500 is not a Lambda error, yet it is what a canary of an
 * HTTP service must be judged on. The function URL server marks its Invoke calls with
 * `FUNCTION_URL_HEADER`; Invoke then records this status with the invocation.
 */
export const FUNCTION_URL_HEADER = "X-Local-Aws-Function-Url";

/** 502 for a function error; the result's `statusCode` when it has one; 200 otherwise. */
export function functionUrlStatus(
  result: { readonly payload: Uint8Array; readonly functionError?: string },
): number {
  if (result.functionError !== undefined) return 502;
  try {
    const value = JSON.parse(new TextDecoder().decode(result.payload));
    if (typeof value === "object" && value !== null && typeof value.statusCode === "number") {
      return value.statusCode;
    }
  } catch {
    return 502; // not JSON: a function URL cannot turn it into a response
  }
  return 200;
}
