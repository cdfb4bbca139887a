/**
 * The narrow, verb-shaped view of AWS Lambda the controller needs. Implemented by
 * `lambda_sdk.ts` (real SDK client, real AWS or local AWS) and nothing else; errors are
 * `AwsError`s from `errors.ts`. Digests are lowercase hex sha256 throughout (the adapter converts
 * Lambda's base64 `CodeSha256`).
 */

/** The configuration that, together with the code, makes a published version. */
export interface FunctionConfig {
  readonly runtime: string;
  readonly handler: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly roleArn: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly description: string;
}

export interface LiveFunction {
  readonly name: string;
  readonly arn: string;
  readonly config: FunctionConfig;
  /** sha256 hex of `$LATEST`'s code. */
  readonly codeSha256: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly revisionId: string;
}

export interface LiveVersion {
  readonly version: string;
  readonly codeSha256: string;
  readonly config: FunctionConfig;
  /** The version's own description (the controller writes the revision there). */
  readonly description: string;
}

/** Alias routing: the primary version plus at most one weighted additional version. */
export interface Routing {
  readonly primary: string;
  /** Percent (0–100) of traffic to `extra.version`; the primary gets the rest. */
  readonly extra: { readonly version: string; readonly weight: number } | null;
}

export interface LiveAlias {
  readonly name: string;
  readonly routing: Routing;
  readonly description: string;
  readonly revisionId: string;
}

/** Where the code comes from: bytes (local AWS) or an S3 object (real AWS). */
export type FunctionCode =
  | { readonly zipFile: Uint8Array }
  | { readonly s3Bucket: string; readonly s3Key: string };

export interface AliasWrite {
  readonly routing: Routing;
  readonly description: string;
}

export interface LambdaPort {
  /** `null` when the function does not exist. One GetFunction call (config + tags). */
  getFunction(name: string): Promise<LiveFunction | null>;
  /** Every published version (not `$LATEST`), oldest first. Paginates. */
  listVersions(name: string): Promise<LiveVersion[]>;
  /** `null` when the alias does not exist. */
  getAlias(functionName: string, alias: string): Promise<LiveAlias | null>;
  createFunction(
    name: string,
    input: {
      readonly config: FunctionConfig;
      readonly code: FunctionCode;
      readonly tags: Readonly<Record<string, string>>;
    },
  ): Promise<void>;
  /** Replaces `$LATEST`'s code and waits until the update has finished. */
  updateFunctionCode(name: string, code: FunctionCode): Promise<void>;
  /** Replaces `$LATEST`'s configuration and waits until the update has finished. */
  updateFunctionConfiguration(name: string, config: FunctionConfig): Promise<void>;
  /** PublishVersion guarded by `CodeSha256`; returns the (new or existing) version. */
  publishVersion(
    name: string,
    input: { readonly codeSha256: string; readonly description: string },
  ): Promise<LiveVersion>;
  createAlias(functionName: string, alias: string, write: AliasWrite): Promise<LiveAlias>;
  /** UpdateAlias carrying `revisionId`; a stale one fails with `ConflictError`. */
  updateAlias(
    functionName: string,
    alias: string,
    write: AliasWrite & { readonly revisionId: string },
  ): Promise<LiveAlias>;
  tagFunction(arn: string, tags: Readonly<Record<string, string>>): Promise<void>;
}
