/**
 * Per-release exponential backoff after errors (controller-runtime's rate limiter): a failing
 * release is skipped until its next attempt time; one success resets it.
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** 0..1: fraction of the delay randomised (spreads retries of many releases). */
  readonly jitter: number;
  readonly random?: () => number;
}

export class Backoff {
  #failures = new Map<string, { count: number; notBefore: number }>();
  constructor(readonly options: BackoffOptions) {}

  /** Records a failure at `now`; returns the delay until the next attempt. */
  failed(key: string, now: number): number {
    const count = (this.#failures.get(key)?.count ?? 0) + 1;
    const raw = Math.min(this.options.maxMs, this.options.baseMs * 2 ** (count - 1));
    const r = this.options.random ?? Math.random;
    const delay = Math.round(raw * (1 - this.options.jitter * r()));
    this.#failures.set(key, { count, notBefore: now + delay });
    return delay;
  }

  succeeded(key: string): void {
    this.#failures.delete(key);
  }

  /** Whether the release may be attempted at `now`. */
  ready(key: string, now: number): boolean {
    const f = this.#failures.get(key);
    return !f || now >= f.notBefore;
  }

  failures(key: string): number {
    return this.#failures.get(key)?.count ?? 0;
  }
}
