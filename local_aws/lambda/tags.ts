import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { functionNotFound, invalidParameter } from "./errors.ts";
import type { FunctionRecord, LambdaState } from "./model.ts";
import { functionArn } from "./names.ts";

/** TagResource: adds or overwrites tags of a function (by unqualified function ARN). */
export function tagResource(
  state: LambdaState,
  ctx: RequestContext,
  options: { arn: string; input: Fields },
): void {
  const fn = taggable(state, ctx, options.arn);
  const tags = options.input.stringMap("Tags");
  if (tags === undefined) throw options.input.missing("Tags");
  Object.assign(fn.tags, tags);
}

/** UntagResource: removes the given tag keys (absent keys are ignored, as on AWS). */
export function untagResource(
  state: LambdaState,
  ctx: RequestContext,
  options: { arn: string; keys: readonly string[] },
): void {
  const fn = taggable(state, ctx, options.arn);
  if (options.keys.length === 0) {
    throw invalidParameter("TagKeys is required and must not be empty.");
  }
  for (const key of options.keys) delete fn.tags[key];
}

/** ListTags: the tags of a function. */
export function listTags(
  state: LambdaState,
  ctx: RequestContext,
  resource: { arn: string },
): Record<string, string> {
  return { ...taggable(state, ctx, resource.arn).tags };
}

const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)$/;

function taggable(state: LambdaState, ctx: RequestContext, arn: string): FunctionRecord {
  const match = FUNCTION_ARN.exec(arn);
  if (!match) {
    throw invalidParameter(
      `Invalid resource ARN for tagging, expected an unqualified function ARN: ${arn}`,
    );
  }
  const name = match[3] ?? "";
  const fn = Object.hasOwn(state.functions, name) ? state.functions[name] : undefined;
  if (!fn || match[1] !== ctx.region || match[2] !== ctx.accountId) {
    throw functionNotFound(functionArn(ctx, name));
  }
  return fn;
}
