/**
 * Manual rollout commands (`deno task rollout <command> <release>`), as recorded on AWS state.
 * Each carries the time it was issued: the machine applies a command once, when it is newer
 * than the last one it applied (`RolloutState.lastCommandAt`), so re-reading it is harmless.
 */
export type ManualCommand =
  /** End the current pause or human hold; `full`: skip every remaining step and promote. */
  | { readonly kind: "promote"; readonly at: number; readonly full: boolean }
  /** Roll back now in one write; the revision stays quarantined. */
  | { readonly kind: "abort"; readonly at: number }
  /** Lift the quarantine of a rolled-back or aborted revision and start it again from step 0. */
  | { readonly kind: "retry"; readonly at: number }
  /** Hold the rollout where it stands (timed pauses stop counting). */
  | { readonly kind: "pause"; readonly at: number }
  /** Release a `pause`, or re-run an Inconclusive analysis. */
  | { readonly kind: "resume"; readonly at: number };

export type CommandKind = ManualCommand["kind"];
