/** One observed-state context per release, whatever its kind. */
import type { EcsPort } from "../aws/ecs_port.ts";
import type { LambdaPort } from "../aws/lambda_port.ts";
import type { MetricProviders } from "../analysis/provider.ts";
import type { DesiredRelease } from "../plan/desired.ts";
import type { Observed } from "../plan/plan.ts";
import { observeEcs } from "./observe_ecs.ts";
import { observeLambda } from "./observe_lambda.ts";

export interface Ports {
  readonly lambda: LambdaPort;
  readonly ecs: EcsPort;
  /** Analysis providers of the target (absent: rollouts are not measured). */
  readonly metrics?: MetricProviders | undefined;
}

export interface ObserveOptions {
  readonly now: number;
  /** Take the measurements rollouts ask for (not in dry runs and `status`). */
  readonly measure: boolean;
  readonly signal?: AbortSignal | undefined;
}

export async function observe(
  ports: Ports,
  desired: DesiredRelease,
  options: ObserveOptions = { now: Date.now(), measure: false },
): Promise<Observed> {
  if (desired.kind === "LambdaRelease") {
    return {
      kind: "LambdaRelease",
      ...(await observeLambda(ports.lambda, desired, {
        metrics: options.measure ? ports.metrics : undefined,
        now: options.now,
        signal: options.signal,
      })),
    };
  }
  return {
    kind: "EcsRelease",
    ...(await observeEcs(ports.ecs, desired, {
      metrics: options.measure ? ports.metrics : undefined,
      now: options.now,
      signal: options.signal,
    })),
  };
}
