/**
 * Time source of local AWS. Everything that depends on "now" (ECS deployment progress,
 * LastModified, invocation timestamps) reads it from a Clock, so tests drive simulated time
 * without sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to; for tests. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`ManualClock.advance: expected ms >= 0, got ${ms}`);
    this.#now += ms;
  }
}
