/**
 * The payloads Lambda returns (with `X-Amz-Function-Error: Unhandled`) when the execution
 * environment itself fails rather than the handler: a timeout, a runtime that exited
 * (out of memory, `process.exit`, a kill) and an init phase that never finished.
 */
export interface ErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
}

/** `Task timed out after 3.00 seconds`, as Lambda reports a handler over its timeout. */
export function timedOut(requestId: string, timeoutMs: number): ErrorPayload {
  return {
    errorType: "Sandbox.Timedout",
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${
      (timeoutMs / 1000).toFixed(2)
    } seconds`,
  };
}

/** The runtime process ended while an invocation was running. */
export function runtimeExited(requestId: string, status: Deno.CommandStatus): ErrorPayload {
  const how = status.signal ? `signal: ${signalName(status.signal)}` : `exit status ${status.code}`;
  return {
    errorType: "Runtime.ExitError",
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${how}`,
  };
}

/** The init phase (importing the handler) did not finish within Lambda's 10 s limit. */
export function initTimedOut(requestId: string, limitMs: number): ErrorPayload {
  return {
    errorType: "Runtime.InitError",
    errorMessage: `RequestId: ${requestId} Error: Init phase did not complete within ${
      (limitMs / 1000).toFixed(2)
    } seconds`,
  };
}

function signalName(signal: Deno.Signal): string {
  return signal === "SIGKILL" ? "killed" : signal.replace(/^SIG/, "").toLowerCase();
}
