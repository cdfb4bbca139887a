import type { RequestContext } from "../context.ts";
import type { AliasRecord, FunctionRecord, VersionRecord } from "./model.ts";
import { functionArn } from "./names.ts";

/**
 * A version as Lambda's `FunctionConfiguration` shape. `FunctionArn` carries the qualifier
 * the caller used, as Lambda's does: none for an implicit `$LATEST` (CreateFunction,
 * UpdateFunctionConfiguration, GetFunction without Qualifier), the alias name when read
 * through an alias, the version otherwise (PublishVersion, ListVersionsByFunction).
 */
export function configurationView(
  ctx: RequestContext,
  fn: FunctionRecord,
  options: { version: VersionRecord; arnQualifier: string | undefined },
): Record<string, unknown> {
  const { version, arnQualifier } = options;
  const { settings, code } = version;
  return {
    FunctionName: fn.name,
    FunctionArn: functionArn(ctx, fn.name, arnQualifier),
    ...(settings.Runtime === undefined ? {} : { Runtime: settings.Runtime }),
    Role: settings.Role,
    ...(settings.Handler === undefined ? {} : { Handler: settings.Handler }),
    CodeSize: code.CodeSize,
    Description: settings.Description,
    Timeout: settings.Timeout,
    MemorySize: settings.MemorySize,
    LastModified: version.lastModified,
    CodeSha256: code.CodeSha256,
    Version: version.version,
    ...(settings.Environment === undefined ? {} : { Environment: settings.Environment }),
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: version.revisionId,
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: settings.PackageType,
    Architectures: settings.Architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${fn.name}` },
  };
}

/** An alias as Lambda's `AliasConfiguration` shape. */
export function aliasView(
  ctx: RequestContext,
  fn: FunctionRecord,
  alias: AliasRecord,
): Record<string, unknown> {
  return {
    AliasArn: functionArn(ctx, fn.name, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.weights === undefined
      ? {}
      : { RoutingConfig: { AdditionalVersionWeights: alias.weights } }),
    RevisionId: alias.revisionId,
  };
}
