/**
 * `plan(desired, observed, now)`: the pure heart of the controller. Returns the ordered actions
 * that take AWS from `observed` towards `desired`, and the release status as observed.
 */
import type { Action } from "./actions.ts";
import type { DesiredRelease } from "./desired.ts";
import { type ObservedEcs, planEcs } from "./ecs_plan.ts";
import { type ObservedLambda, planLambda } from "./lambda_plan.ts";
import type { Plan } from "./status.ts";

export type Observed =
  | ({ readonly kind: "LambdaRelease" } & ObservedLambda)
  | ({ readonly kind: "EcsRelease" } & ObservedEcs);

export function plan(desired: DesiredRelease, observed: Observed, now: Date): Plan<Action> {
  if (desired.kind === "LambdaRelease" && observed.kind === "LambdaRelease") {
    return planLambda(desired, observed, now);
  }
  if (desired.kind === "EcsRelease" && observed.kind === "EcsRelease") {
    return planEcs(desired, observed, now);
  }
  throw new TypeError(`observed ${observed.kind} for a ${desired.kind}`);
}
