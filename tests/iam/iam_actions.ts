/**
 * From SDK commands to the IAM actions a caller needs, following the AWS Service Authorization
 * Reference: the action named like the operation (with the few renames listed), plus the
 * dependent actions AWS checks for the parameters our adapters send.
 */
import type { SdkCall } from "./sdk_calls.ts";

/** `@aws-sdk/client-<name>` → IAM service prefix. */
export const IAM_PREFIX: Readonly<Record<string, string>> = {
  lambda: "lambda",
  ecs: "ecs",
  cloudwatch: "cloudwatch",
  s3: "s3",
  sts: "sts",
};

/** Operations whose IAM action has another name. */
const RENAMED: Readonly<Record<string, string>> = {
  "lambda:Invoke": "lambda:InvokeFunction",
  "lambda:InvokeWithResponseStream": "lambda:InvokeFunction",
  "s3:HeadObject": "s3:GetObject",
  "s3:ListObjectsV2": "s3:ListBucket",
};

/**
 * Operations that need no IAM permission at all, so no policy lists them:
 * - `sts:GetCallerIdentity` (the controller's account check, `controller/aws/sts_sdk.ts`):
 *   "No permissions are required to perform this operation" (STS API Reference); even an
 *   explicit deny does not stop it.
 */
const UNAUTHORIZED = new Set(["sts:GetCallerIdentity"]);

/**
 * Further actions AWS authorizes on the same call, for the parameters our adapters pass:
 * the execution/task role (`iam:PassRole`), code fetched from S3 with the caller's
 * permissions (`s3:GetObject`), and tags on create (`…:TagResource`).
 */
export const DEPENDENT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  "lambda:CreateFunction": ["iam:PassRole", "s3:GetObject", "lambda:TagResource"],
  "lambda:UpdateFunctionCode": ["s3:GetObject"],
  "lambda:UpdateFunctionConfiguration": ["iam:PassRole"],
  "ecs:CreateCluster": ["ecs:TagResource"],
  "ecs:CreateService": ["ecs:TagResource"],
  "ecs:RegisterTaskDefinition": ["iam:PassRole"],
};

/** The IAM action an SDK call is authorized by, or undefined when AWS checks none. */
export function iamActionOf(call: SdkCall): string | undefined {
  const prefix = IAM_PREFIX[call.client];
  if (prefix === undefined) {
    throw new Error(
      `${call.file}: @aws-sdk/client-${call.client} has no IAM prefix in tests/iam/iam_actions.ts`,
    );
  }
  const action = `${prefix}:${call.command}`;
  if (UNAUTHORIZED.has(action)) return undefined;
  return RENAMED[action] ?? action;
}

/** The IAM actions the calls are authorized by, without dependent actions, sorted. */
export function directActions(calls: readonly SdkCall[]): string[] {
  const actions = calls.map(iamActionOf).filter((a): a is string => a !== undefined);
  return [...new Set(actions)].sort();
}

/** Every IAM action the calls need, dependent actions included, sorted. */
export function requiredActions(calls: readonly SdkCall[]): string[] {
  const actions = new Set<string>();
  for (const call of calls) {
    const action = iamActionOf(call);
    if (action === undefined) continue;
    actions.add(action);
    for (const dependent of DEPENDENT_ACTIONS[action] ?? []) actions.add(dependent);
  }
  return [...actions].sort();
}

/** Read-only actions by IAM's naming: Get, List, Describe (and Batch-Get). */
export function isReadAction(action: string): boolean {
  return /^[a-z0-9-]+:(Get|List|Describe|BatchGet)[A-Z]/.test(action);
}
