import type { FunctionSettings } from "./model.ts";

/**
 * The port through which Invoke runs a version's code. This issue ships `recordOnlyRuntime`
 * (no code runs; every invocation answers `{"statusCode":200}`); a later issue plugs in a
 * runtime that runs the handler from the version's ZIP in a warm worker per version.
 */
export interface Runtime {
  invoke(request: InvocationRequest): Promise<InvocationResult>;
  /** Releases workers/processes; called by LocalAws.close(). */
  close?(): Promise<void>;
}

export interface InvocationRequest {
  readonly accountId: string;
  readonly region: string;
  readonly functionName: string;
  /** ARN of the executed version (`…:function:name:3`). */
  readonly functionArn: string;
  /** The executed version: `$LATEST` or a published version number. */
  readonly version: string;
  readonly settings: FunctionSettings;
  /** CodeSha256 of the version's ZIP; with `codePath`, identifies the code to run. */
  readonly codeSha256: string;
  /** Path of the version's ZIP in the state directory. */
  readonly codePath: string;
  readonly payload: Uint8Array<ArrayBuffer>;
  readonly invocationType: "RequestResponse" | "Event";
}

export interface InvocationResult {
  readonly payload: Uint8Array<ArrayBuffer>;
  /** Set when the handler failed, as Lambda's `X-Amz-Function-Error` header. */
  readonly functionError?: "Unhandled" | "Handled";
  /** Last 4 KB of the log, returned base64-encoded when LogType is Tail. */
  readonly logTail?: string;
}

/** Runs nothing: records the invocation and answers `{"statusCode":200}`. */
export const recordOnlyRuntime: Runtime = {
  invoke: () => Promise.resolve({ payload: new TextEncoder().encode('{"statusCode":200}') }),
};
