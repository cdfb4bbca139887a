/** Tag keys the controller writes on AWS resources (function-level and service-level facts). */
export const TAG_REVISION = "mlnews.dev/revision";
export const TAG_COMMIT = "mlnews.dev/git-commit";
export const TAG_SPEC = "mlnews.dev/spec";
export const TAG_TASK_DEFINITION = "mlnews.dev/task-definition";
/**
 * `applied` once this release's deployment was started (ECS owns its progress from there);
 * `failed` once ECS failed it or rolled it back: not retried until the release changes.
 */
export const TAG_ROLLOUT = "mlnews.dev/rollout";
export const TAG_MANAGED_BY = "mlnews.dev/managed-by";
export const MANAGED_BY = "mlnews-controller";

/** `unknown` stands in for a missing commit: tag values may not be empty everywhere. */
export function commitTag(commit: string | null): string {
  return commit ?? "unknown";
}
/** The newest manual rollout command (`rollout/command_tag.ts`), on the function or service. */
export const TAG_COMMAND = "mlnews.dev/rollout-command";
