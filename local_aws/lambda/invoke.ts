import { AwsError } from "../aws_error.ts";
import { encodeBase64 } from "../base64.ts";
import type { RestRequest, RestResponse } from "../rest.ts";
import type { LambdaDeps } from "./service.ts";
import { invalidParameter } from "./errors.ts";
import { findFunction, resolveVersion } from "./lookup.ts";
import type { LambdaState } from "./model.ts";
import { functionArn } from "./names.ts";
import { pickVersion } from "./routing.ts";
import { FUNCTION_URL_HEADER, functionUrlStatus } from "../function_urls/url_status.ts";

const EMPTY_EVENT = new TextEncoder().encode("{}");

const INVOCATION_TYPES = ["RequestResponse", "Event", "DryRun"] as const;
type InvocationType = typeof INVOCATION_TYPES[number];

/**
 * Invoke: resolves the qualifier (an alias is routed by its weights, drawn per invocation),
 * runs the executed version through the Runtime port, records the invocation under that
 * version and answers with `X-Amz-Executed-Version` (200 RequestResponse, 202 Event,
 * 204 DryRun), as Lambda does.
 */
export async function invoke(
  state: LambdaState,
  req: RestRequest,
  deps: Pick<LambdaDeps, "store" | "random" | "runtime" | "invocations">,
): Promise<RestResponse> {
  const type = (req.headers.get("X-Amz-Invocation-Type") ?? "RequestResponse") as InvocationType;
  if (!INVOCATION_TYPES.includes(type)) {
    throw invalidParameter(
      `Unsupported invocation type: ${type}. Expected RequestResponse, Event or DryRun.`,
    );
  }
  const { fn, qualifier } = findFunction(
    state,
    req.ctx,
    { name: req.params.fn ?? "", qualifier: req.query.get("Qualifier") },
  );
  const alias = qualifier !== undefined && Object.hasOwn(fn.aliases, qualifier)
    ? fn.aliases[qualifier]
    : undefined;
  const executed = resolveVersion(req.ctx, fn, {
    qualifier: alias ? pickVersion(alias, deps.random) : qualifier,
  });
  const headers = { "X-Amz-Executed-Version": executed.version };
  if (type === "DryRun") return { status: 204, headers };
  if (req.body.length > 0) {
    try {
      JSON.parse(new TextDecoder().decode(req.body));
    } catch {
      throw new AwsError(
        "InvalidRequestContentException",
        "Could not parse request body into json",
        400,
      );
    }
  }
  const started = performance.now();
  let result;
  try {
    result = await deps.runtime.invoke({
      accountId: req.ctx.accountId,
      region: req.ctx.region,
      functionName: fn.name,
      functionArn: functionArn(req.ctx, fn.name, executed.version),
      version: executed.version,
      settings: executed.settings,
      codeSha256: executed.code.CodeSha256,
      codePath: deps.store.blobPath(req.ctx.accountId, executed.code.blobKey),
      // Lambda hands a handler `{}` when Invoke carried no payload.
      payload: req.body.length > 0 ? req.body : EMPTY_EVENT,
      invocationType: type,
    });
  } catch (error) {
    // A runtime at its concurrency limit throttles: counted as a throttle of that version.
    if (error instanceof AwsError && error.code === "TooManyRequestsException") {
      await deps.invocations.record(req.ctx.accountId, {
        t: req.ctx.now,
        functionName: fn.name,
        executedVersion: executed.version,
        error: false,
        throttled: true,
        durationMs: 0,
      });
    }
    throw error;
  }
  const duration = performance.now() - started;
  await deps.invocations.record(req.ctx.accountId, {
    t: req.ctx.now,
    functionName: fn.name,
    executedVersion: executed.version,
    error: result.functionError !== undefined,
    durationMs: duration,
    ...(req.headers.has(FUNCTION_URL_HEADER) ? { urlStatus: functionUrlStatus(result) } : {}),
  });
  const requestId = crypto.randomUUID();
  const log = result.logTail ??
    `START RequestId: ${requestId} Version: ${executed.version}\nEND RequestId: ${requestId}\n` +
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\n`;
  const logTail = req.headers.get("X-Amz-Log-Type") === "Tail"
    ? { "X-Amz-Log-Result": encodeBase64(new TextEncoder().encode(log.slice(-4096))) }
    : {};
  const error = result.functionError ? { "X-Amz-Function-Error": result.functionError } : {};
  if (type === "Event") return { status: 202, headers };
  return { status: 200, bytes: result.payload, headers: { ...headers, ...logTail, ...error } };
}
