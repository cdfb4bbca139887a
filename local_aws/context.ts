import type { RequestAccount } from "./account.ts";

/** What every operation knows about the request it serves. */
export interface RequestContext extends RequestAccount {
  /** The clock's time when the request arrived, in ms since the epoch. */
  readonly now: number;
}
