/**
 * The stored Lambda state of one function: `<stateDir>/<account>/lambda/<function>.json` holds
 * a LambdaState with that one function (Lambda state is sharded by function).
 */
export interface LambdaState {
  functions: Record<string, FunctionRecord>;
}

export function emptyLambdaState(): LambdaState {
  return { functions: {} };
}

/** Settings of a version that `UpdateFunctionConfiguration` changes. */
export interface FunctionSettings {
  Runtime?: string;
  Role: string;
  Handler?: string;
  Description: string;
  Timeout: number;
  MemorySize: number;
  Environment?: { Variables: Record<string, string> };
  Architectures: string[];
  PackageType: "Zip";
}

/** Deployment package of a version. */
export interface CodeRecord {
  /** base64 of the sha256 of the ZIP, as Lambda reports it. */
  CodeSha256: string;
  CodeSize: number;
  /** Key of the ZIP in the store's blobs (hex sha256). */
  blobKey: string;
}

/** `$LATEST` or a published version: an immutable snapshot once published. */
export interface VersionRecord {
  version: string;
  settings: FunctionSettings;
  code: CodeRecord;
  lastModified: string;
  revisionId: string;
}

export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  /** AdditionalVersionWeights; absent when the alias routes to one version. */
  weights?: Record<string, number>;
  revisionId: string;
}

export interface FunctionRecord {
  name: string;
  latest: VersionRecord;
  published: VersionRecord[];
  /** The number the next published version gets (versions are never reused). */
  nextVersion: number;
  aliases: Record<string, AliasRecord>;
  tags: Record<string, string>;
}

/** Lambda's LastModified format: `2026-01-01T00:00:00.000+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}
