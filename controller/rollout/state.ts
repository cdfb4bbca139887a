/**
 * The persisted progress of one rollout: everything the step machine needs to continue after
 * a crash, and nothing more (see `state_codec.ts` for the compact form kept on AWS).
 */
import type { RunState } from "../analysis/run.ts";

export type RolloutPhase =
  /** Moving through the steps. */
  | "Progressing"
  /** Promoted; post-promotion analysis still running, previous version kept for a revert. */
  | "Baking"
  /** The revision serves all traffic; nothing left to do. */
  | "Completed"
  /** Rolled back by analysis or the progress deadline; the revision is quarantined. */
  | "RolledBack"
  /** Rolled back by a manual `abort`; the revision is quarantined. */
  | "Aborted";

export type HoldKind =
  /** `rollout pause`. */
  | "user"
  /** Analysis Inconclusive: neither promote nor roll back without a human. */
  | "inconclusive"
  /** Analysis failed under `rollbackPolicy: manual`. */
  | "failed";

/** Which analysis run a measurement or a hold belongs to. */
export type RunKind = "step" | "background" | "bake";

export interface Hold {
  readonly kind: HoldKind;
  readonly since: number;
  /** The analysis run that is Inconclusive or failed (not set for `user`). */
  readonly run?: RunKind | undefined;
}

export type FailureReason = "analysis" | "background" | "bake" | "deadline" | "abort";

/** Why a rollout was rolled back, for status ("what failed and when"). */
export interface Failure {
  readonly reason: FailureReason;
  readonly at: number;
  /** Key (`template/metric`) of the metric that decided, when analysis did. */
  readonly metric?: string | undefined;
}

export interface RolloutState {
  /** The revision this rollout moves to. Quarantined when `phase` is RolledBack or Aborted. */
  readonly revision: string;
  readonly phase: RolloutPhase;
  /** Index of the current step; `steps.length` once every step has run. */
  readonly step: number;
  /** When the current step (or the bake) started, epoch ms. */
  readonly stepStartedAt: number;
  /** Percent of traffic last written for the revision. */
  readonly weight: number;
  readonly hold?: Hold | undefined;
  readonly failure?: Failure | undefined;
  /** Analysis run of the current analysis step, or of the post-promotion bake. */
  readonly analysis?: RunState | undefined;
  /**
   * The stable version's last value per metric key from the canary's analyses: what the
   * post-promotion bake compares with, as stable gets no traffic once promoted.
   */
  readonly baseline?: Readonly<Record<string, number>> | undefined;
  /** Background analysis run, once `startingStep` is reached. */
  readonly background?: RunState | undefined;
  /** Time of the newest manual command already applied (0: none). */
  readonly lastCommandAt: number;
}

/** True when the rollout of `state.revision` is quarantined (rolled back, not retried). */
export function isQuarantined(state: RolloutState): boolean {
  return state.phase === "RolledBack" || state.phase === "Aborted";
}
