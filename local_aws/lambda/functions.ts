import type { RequestContext } from "../context.ts";
import { Fields } from "../fields.ts";
import { conflict, invalidParameter } from "./errors.ts";
import { checkRevision, findUnqualified } from "./lookup.ts";
import {
  type CodeRecord,
  type FunctionRecord,
  type FunctionSettings,
  type LambdaState,
  lambdaTimestamp,
} from "./model.ts";
import { parseFunctionRef } from "./names.ts";
import { publishVersion } from "./versions.ts";

const ERROR = "InvalidParameterValueException";

/** CreateFunction: a new function whose `$LATEST` holds `code`; published as 1 if `Publish`. */
export function createFunction(
  state: LambdaState,
  ctx: RequestContext,
  options: { input: Fields; code: CodeRecord },
): { fn: FunctionRecord; versionName: string } {
  const { input, code } = options;
  const name = input.requiredString("FunctionName");
  const ref = parseFunctionRef(name);
  if (ref.qualifier !== undefined) {
    throw invalidParameter(`FunctionName must not carry a qualifier: ${name}`);
  }
  if (Object.hasOwn(state.functions, ref.name)) {
    throw conflict(`Function already exist: ${ref.name}`);
  }
  const settings = settingsFrom(input, undefined);
  if (settings.Runtime === undefined || settings.Handler === undefined) {
    throw invalidParameter(
      "Runtime and Handler are mandatory parameters for functions created with Zip packages.",
    );
  }
  const fn: FunctionRecord = {
    name: ref.name,
    latest: {
      version: "$LATEST",
      settings,
      code,
      lastModified: lambdaTimestamp(ctx.now),
      revisionId: crypto.randomUUID(),
    },
    published: [],
    nextVersion: 1,
    aliases: {},
    tags: input.stringMap("Tags") ?? {},
  };
  state.functions[fn.name] = fn;
  const versionName = input.boolean("Publish")
    ? publishVersion(ctx, fn, new Fields({}, ERROR)).version
    : "$LATEST";
  return { fn, versionName };
}

/** UpdateFunctionCode: replaces `$LATEST`'s code (RevisionId-guarded), optionally publishing. */
export function updateFunctionCode(
  state: LambdaState,
  ctx: RequestContext,
  options: { functionName: string; input: Fields; code: CodeRecord },
): { fn: FunctionRecord; versionName: string } {
  const { input, code } = options;
  const fn = findUnqualified(state, ctx, { name: options.functionName });
  checkRevision(input.string("RevisionId"), {
    current: fn.latest.revisionId,
    resource: "Function",
  });
  if (input.boolean("DryRun")) return { fn, versionName: "$LATEST" };
  const architectures = input.stringArray("Architectures");
  fn.latest = {
    ...fn.latest,
    settings: architectures
      ? { ...fn.latest.settings, Architectures: architectures }
      : fn.latest.settings,
    code,
    lastModified: lambdaTimestamp(ctx.now),
    revisionId: crypto.randomUUID(),
  };
  const versionName = input.boolean("Publish")
    ? publishVersion(ctx, fn, new Fields({}, ERROR)).version
    : "$LATEST";
  return { fn, versionName };
}

/** UpdateFunctionConfiguration: changes the given settings of `$LATEST` (RevisionId-guarded). */
export function updateFunctionConfiguration(
  state: LambdaState,
  ctx: RequestContext,
  options: { functionName: string; input: Fields },
): FunctionRecord {
  const { input } = options;
  const fn = findUnqualified(state, ctx, { name: options.functionName });
  checkRevision(input.string("RevisionId"), {
    current: fn.latest.revisionId,
    resource: "Function",
  });
  fn.latest = {
    ...fn.latest,
    settings: settingsFrom(input, fn.latest.settings),
    lastModified: lambdaTimestamp(ctx.now),
    revisionId: crypto.randomUUID(),
  };
  return fn;
}

/** The settings a request sets, on top of `base` (or Lambda's defaults for a new function). */
function settingsFrom(input: Fields, base: FunctionSettings | undefined): FunctionSettings {
  const role = input.string("Role") ?? base?.Role;
  if (role === undefined) throw input.missing("Role");
  if (!/^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/.test(role)) {
    throw invalidParameter(
      `1 validation error detected: Value '${role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
    );
  }
  const variables = input.object("Environment")?.stringMap("Variables");
  const environment = variables === undefined ? base?.Environment : { Variables: variables };
  const runtime = input.string("Runtime") ?? base?.Runtime;
  const handler = input.string("Handler") ?? base?.Handler;
  return {
    ...(runtime === undefined ? {} : { Runtime: runtime }),
    Role: role,
    ...(handler === undefined ? {} : { Handler: handler }),
    Description: input.string("Description") ?? base?.Description ?? "",
    Timeout: input.integer("Timeout", { min: 1, max: 900 }) ?? base?.Timeout ?? 3,
    MemorySize: input.integer("MemorySize", { min: 128, max: 10240 }) ?? base?.MemorySize ?? 128,
    ...(environment === undefined ? {} : { Environment: environment }),
    Architectures: input.stringArray("Architectures") ?? base?.Architectures ?? ["x86_64"],
    PackageType: "Zip",
  };
}
