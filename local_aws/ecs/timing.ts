/**
 * Pace of simulated ECS time. A task takes `taskStartMs` from launch to RUNNING (or to its
 * failure, for a failing image); a "minute" of bake time (`bakeTimeInMinutes`,
 * `canaryBakeTimeInMinutes`, `stepBakeTimeInMinutes`) lasts `minuteMs`. The defaults
 * complete a rolling deployment of 2 tasks in about 1.5 s; tests drive an injected clock
 * instead of sleeping, demos may shorten `minuteMs`.
 */
export interface EcsTiming {
  readonly taskStartMs: number;
  readonly minuteMs: number;
}

export const DEFAULT_ECS_TIMING: EcsTiming = { taskStartMs: 1500, minuteMs: 60_000 };
