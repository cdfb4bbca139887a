/** Comparing Lambda function configurations field by field (pure). */
import type { FunctionConfig } from "../aws/lambda_port.ts";

/** Names of the fields that differ. `description` is compared only when asked. */
export function configDifferences(
  live: FunctionConfig,
  desired: FunctionConfig,
  options: { readonly includeDescription?: boolean } = {},
): string[] {
  const changed: string[] = [];
  if (live.runtime !== desired.runtime) changed.push("runtime");
  if (live.handler !== desired.handler) changed.push("handler");
  if (live.memorySize !== desired.memorySize) changed.push("memorySize");
  if (live.timeout !== desired.timeout) changed.push("timeout");
  if (live.roleArn !== desired.roleArn) changed.push("role");
  if (!sameEnvironment(live.environment, desired.environment)) changed.push("environment");
  if (options.includeDescription && live.description !== desired.description) {
    changed.push("description");
  }
  return changed;
}

function sameEnvironment(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
