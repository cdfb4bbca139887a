import type { RequestContext } from "../context.ts";
import { functionNotFound, invalidParameter, notFound, preconditionFailed } from "./errors.ts";
import type { AliasRecord, FunctionRecord, LambdaState, VersionRecord } from "./model.ts";
import { functionArn, isVersionNumber, parseFunctionRef } from "./names.ts";

/** A function and the qualifier a request named (in the name or as `Qualifier`). */
export interface QualifiedFunction {
  readonly fn: FunctionRecord;
  readonly qualifier?: string;
}

/** Finds the function a FunctionName (+ optional Qualifier) refers to, or throws 404. */
export function findFunction(
  state: LambdaState,
  ctx: RequestContext,
  requested: { name: string; qualifier?: string | null },
): QualifiedFunction {
  const ref = parseFunctionRef(requested.name);
  const qualifier = requested.qualifier ?? ref.qualifier;
  if (requested.qualifier && ref.qualifier && requested.qualifier !== ref.qualifier) {
    throw invalidParameter(
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
  }
  const fn = Object.hasOwn(state.functions, ref.name) ? state.functions[ref.name] : undefined;
  if (!fn) throw functionNotFound(functionArn(ctx, ref.name, qualifier));
  return qualifier === undefined ? { fn } : { fn, qualifier };
}

/** Finds a function by name only (operations whose path names no qualifier). */
export function findUnqualified(
  state: LambdaState,
  ctx: RequestContext,
  requested: { name: string },
): FunctionRecord {
  const { fn, qualifier } = findFunction(state, ctx, requested);
  if (qualifier !== undefined) {
    throw invalidParameter(
      `Unsupported qualifier ${qualifier} in function name for this operation.`,
    );
  }
  return fn;
}

/** `$LATEST` or a published version by number; undefined when it does not exist. */
export function versionByName(fn: FunctionRecord, version: string): VersionRecord | undefined {
  if (version === "$LATEST") return fn.latest;
  return isVersionNumber(version) ? fn.published.find((v) => v.version === version) : undefined;
}

/** The version a qualifier names: `$LATEST`/none, a version number, or an alias (its primary). */
export function resolveVersion(
  ctx: RequestContext,
  fn: FunctionRecord,
  requested: { qualifier: string | undefined },
): VersionRecord {
  const name = requested.qualifier ?? "$LATEST";
  const direct = versionByName(fn, name);
  const alias = Object.hasOwn(fn.aliases, name) ? fn.aliases[name] : undefined;
  const version = direct ?? (alias ? versionByName(fn, alias.functionVersion) : undefined);
  if (!version) throw functionNotFound(functionArn(ctx, fn.name, name));
  return version;
}

/** An alias by name, or ResourceNotFoundException (404). */
export function findAlias(
  ctx: RequestContext,
  fn: FunctionRecord,
  requested: { name: string },
): AliasRecord {
  const alias = Object.hasOwn(fn.aliases, requested.name) ? fn.aliases[requested.name] : undefined;
  if (!alias) throw notFound(`Alias not found: ${functionArn(ctx, fn.name, requested.name)}`);
  return alias;
}

/** Throws PreconditionFailedException (412) when a RevisionId is given and is not current. */
export function checkRevision(
  given: unknown,
  expected: { current: string; resource: "Function" | "Alias" },
): void {
  if (given !== undefined && given !== null && given !== expected.current) {
    throw preconditionFailed(expected.resource);
  }
}
