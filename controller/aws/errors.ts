/**
 * AWS failures classified by what the controller does next (Flux's waiting / transient /
 * terminal split). Adapters throw only these; nothing outside `controller/aws/` inspects SDK
 * error names.
 */
export type AwsErrorKind = "not-found" | "conflict" | "throttled" | "transient" | "terminal";

export class AwsError extends Error {
  override readonly name: string = "AwsError";
  constructor(
    readonly kind: AwsErrorKind,
    readonly operation: string,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${code}: ${message}`, options);
  }
  /** Worth retrying later with backoff (throttling and transient faults). */
  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "transient";
  }
}

/** The resource does not exist. Observers turn it into `null`. */
export class NotFoundError extends AwsError {
  override readonly name = "NotFoundError";
}
/** An optimistic-concurrency check failed (Lambda `RevisionId`, 412): re-observe, re-plan. */
export class ConflictError extends AwsError {
  override readonly name = "ConflictError";
}
/** Throttled after the SDK's own retries: back off. */
export class ThrottledError extends AwsError {
  override readonly name = "ThrottledError";
}
/** 5xx, network, timeouts: retry with backoff. */
export class TransientError extends AwsError {
  override readonly name = "TransientError";
}
/** Invalid request, access denied, limits: will not heal by retrying; stall until input changes. */
export class TerminalError extends AwsError {
  override readonly name = "TerminalError";
}

const notFound = new Set([
  "ResourceNotFoundException",
  "ClusterNotFoundException",
  "ServiceNotFoundException",
  "NotFoundException",
]);
const conflict = new Set([
  "PreconditionFailedException",
  "ResourceConflictException",
  "ResourceInUseException",
  "ConflictException",
]);
const throttled = new Set([
  "TooManyRequestsException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
]);
const transient = new Set([
  "ServiceException",
  "ServerException",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "RequestTimeout",
  "TimeoutError",
  "ECONNRESET",
  "ECONNREFUSED",
]);

/** Wraps anything an SDK call threw into the matching `AwsError` subclass. */
export function classifyAwsError(operation: string, error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = typeof e?.name === "string" ? e.name : "UnknownError";
  const message = typeof e?.message === "string" ? e.message : String(error);
  const status = e?.$metadata?.httpStatusCode ?? 0;
  const args = [operation, code, message, { cause: error }] as const;
  if (notFound.has(code) || status === 404) return new NotFoundError("not-found", ...args);
  if (conflict.has(code) || status === 412) return new ConflictError("conflict", ...args);
  if (throttled.has(code) || status === 429) return new ThrottledError("throttled", ...args);
  if (transient.has(code) || status >= 500 || error instanceof TypeError) {
    return new TransientError("transient", ...args);
  }
  return new TerminalError("terminal", ...args);
}
