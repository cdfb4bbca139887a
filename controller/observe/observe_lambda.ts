/** Gathers everything the Lambda planner needs in as few reads as possible. */
import type { LambdaPort } from "../aws/lambda_port.ts";
import type { DesiredLambda } from "../plan/desired.ts";
import { lambdaNeedsVersions, type ObservedLambda } from "../plan/lambda_plan.ts";

/**
 * Steady state costs two reads (GetFunction, GetAlias): the alias description records which
 * version serves which revision. The version list is read only when the alias does not record
 * the desired release yet.
 */
export async function observeLambda(
  port: LambdaPort,
  desired: DesiredLambda,
): Promise<ObservedLambda> {
  const fn = await port.getFunction(desired.functionName);
  if (!fn) return { fn: null, alias: null, versions: null };
  const alias = await port.getAlias(desired.functionName, desired.alias);
  const versions = lambdaNeedsVersions(desired, alias)
    ? await port.listVersions(desired.functionName)
    : null;
  return { fn, alias, versions };
}
