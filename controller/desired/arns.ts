/** Names in manifests made into what AWS APIs take, in an Environment's account and region. */
import type { Environment } from "../manifest/mod.ts";

/** An IAM role name as a role ARN in the environment's account (full ARNs pass through). */
export function roleArn(env: Environment, role: string): string {
  return role.startsWith("arn:") ? role : `arn:aws:iam::${env.spec.accountId}:role/${role}`;
}

/** A full ARN is used as given; a bare name becomes an ARN in the environment (local AWS). */
export function targetGroupArn(env: Environment, name: string): string {
  return name.startsWith("arn:")
    ? name
    : `arn:aws:elasticloadbalancing:${env.spec.region}:${env.spec.accountId}:targetgroup/${name}/0000000000000000`;
}

/** `sha256:<hex>` → `<hex>`. */
export function hexOf(revision: string): string {
  return revision.replace(/^sha256:/, "");
}
