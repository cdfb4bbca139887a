/** Remembers each release's last state so events fire on transitions only, not on every loop. */

export interface Transition {
  readonly key: string;
  readonly from: string | null;
  readonly to: string;
}

export class Transitions {
  #last = new Map<string, string>();

  /** The transition, or `null` when `state` equals the last one recorded for `key`. */
  record(key: string, state: string): Transition | null {
    const from = this.#last.get(key) ?? null;
    if (from === state) return null;
    this.#last.set(key, state);
    return { key, from, to: state };
  }
}
