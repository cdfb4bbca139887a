/** One observed-state context per release, whatever its kind. */
import type { EcsPort } from "../aws/ecs_port.ts";
import type { LambdaPort } from "../aws/lambda_port.ts";
import type { DesiredRelease } from "../plan/desired.ts";
import type { Observed } from "../plan/plan.ts";
import { observeEcs } from "./observe_ecs.ts";
import { observeLambda } from "./observe_lambda.ts";

export interface Ports {
  readonly lambda: LambdaPort;
  readonly ecs: EcsPort;
}

export async function observe(ports: Ports, desired: DesiredRelease): Promise<Observed> {
  if (desired.kind === "LambdaRelease") {
    return { kind: "LambdaRelease", ...(await observeLambda(ports.lambda, desired)) };
  }
  return { kind: "EcsRelease", ...(await observeEcs(ports.ecs, desired)) };
}
