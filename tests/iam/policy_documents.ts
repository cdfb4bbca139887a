/** The JSON policy documents in `manifests/iam/`, and what their statements allow. */
import { join } from "node:path";
import { REPO_ROOT } from "./sdk_calls.ts";

export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: unknown;
  readonly Resource?: string | readonly string[];
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly Statement[];
}

export async function loadPolicy(name: string): Promise<PolicyDocument> {
  return JSON.parse(await Deno.readTextFile(join(REPO_ROOT, "manifests/iam", name)));
}

export function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === "string" ? [value] : [...value];
}

/** Every action some Allow statement grants, sorted and deduplicated. */
export function allowedActions(policy: PolicyDocument): string[] {
  return [
    ...new Set(policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => list(s.Action))),
  ]
    .sort();
}

/** IAM's wildcard matching (`*` any run of characters, `?` one), as for Resource ARNs. */
export function iamGlobMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(
    /\?/g,
    ".",
  );
  return new RegExp(`^${regex}$`).test(value);
}

/** Whether some Allow statement grants `action` on `resource` (conditions not evaluated). */
export function allows(policy: PolicyDocument, action: string, resource: string): boolean {
  return policy.Statement.some((s) =>
    s.Effect === "Allow" && list(s.Action).includes(action) &&
    list(s.Resource).some((pattern) => iamGlobMatches(pattern, resource))
  );
}
