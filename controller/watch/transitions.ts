/** Remembers each release's last (sync, health, reason) so events fire on transitions only. */
import type { ReleaseStatus } from "../plan/status.ts";

export interface Transition {
  readonly key: string;
  readonly from: string | null;
  readonly to: string;
}

export class Transitions {
  #last = new Map<string, string>();

  /** The transition, or `null` when nothing changed since the last call for `key`. */
  record(key: string, status: ReleaseStatus, error: Error | null): Transition | null {
    const to = error
      ? `Error: ${error.message}`
      : `${status.sync}/${status.health}/${status.reason}`;
    const from = this.#last.get(key) ?? null;
    if (from === to) return null;
    this.#last.set(key, to);
    return { key, from, to };
  }
}
