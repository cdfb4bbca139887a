import type { RequestContext } from "../context.ts";
import { invalidParameter } from "./errors.ts";

/**
 * Function identifiers as Lambda accepts them: a name (`my-function`), a name with qualifier
 * (`my-function:live`), a full ARN (`arn:aws:lambda:eu-west-1:123456789012:function:my-function`
 * with optional `:qualifier`) or a partial ARN (`123456789012:function:my-function`).
 */
export interface FunctionRef {
  readonly name: string;
  readonly qualifier?: string;
}

const FULL_ARN =
  /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const PARTIAL_ARN = /^\d{12}:function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const NAME = /^([a-zA-Z0-9-_]{1,64})(?::([a-zA-Z0-9-_$]+))?$/;

/** Parses a FunctionName parameter; throws InvalidParameterValueException when malformed. */
export function parseFunctionRef(raw: string): FunctionRef {
  const match = FULL_ARN.exec(raw) ?? PARTIAL_ARN.exec(raw) ?? NAME.exec(raw);
  if (!match || match[1] === undefined) {
    throw invalidParameter(
      `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
    );
  }
  return match[2] === undefined ? { name: match[1] } : { name: match[1], qualifier: match[2] };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` */
export function functionArn(ctx: RequestContext, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

/** True for a published version number ("1", "2", …), false for `$LATEST` and alias names. */
export function isVersionNumber(qualifier: string): boolean {
  return /^[0-9]+$/.test(qualifier);
}
