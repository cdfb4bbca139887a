/** Argo CD's two status axes plus conditions, derived purely by the planners. */
import type { ReleaseOutcome } from "../exit_codes.ts";
import type { RolloutView } from "./rollout_view.ts";

export type Sync = "Synced" | "OutOfSync" | "Unknown";
export type Health = "Healthy" | "Progressing" | "Paused" | "Degraded" | "Missing" | "Unknown";

/** One slice of live traffic: a Lambda version or an ECS task definition. */
export interface TrafficSlice {
  /** `v4` or `ml-news-inference:7`. */
  readonly target: string;
  /** `sha256:…` or an image reference, when known. */
  readonly revision: string | null;
  readonly weight: number;
}

export interface ReleaseStatus {
  readonly sync: Sync;
  readonly health: Health;
  /** CamelCase machine reason, e.g. `RolloutPaused`, `DriftDetected`, `DeploymentFailed`. */
  readonly reason: string;
  readonly message: string;
  /** What differs between git and AWS, one line each (empty when in sync). */
  readonly drift: readonly string[];
  readonly live: readonly TrafficSlice[];
  readonly step: { readonly index: number; readonly total: number } | null;
  /** When the current state began (step start, deployment update), if known. */
  readonly since: number | null;
  /** Git commit the live state was applied from, if recorded. */
  readonly appliedCommit: string | null;
  /** ECS: the new deployment's tasks all run and ECS shifts or bakes traffic. */
  readonly baking?: boolean | undefined;
  /** Progressive delivery: step, weights, analysis, rollback and quarantine (when rolling out). */
  readonly rollout?: RolloutView | undefined;
}

/** The exit-code view of a status (before any action of this pass). */
export function outcomeOf(status: ReleaseStatus, actionsPlanned: number): ReleaseOutcome {
  if (status.health === "Degraded") return "degraded";
  if (status.health === "Paused" || status.reason === "DriftNotHealed") return "waiting";
  if (actionsPlanned > 0) return "changed";
  if (status.health === "Progressing" || status.health === "Missing") return "progressing";
  if (status.sync !== "Synced" || status.health !== "Healthy") return "progressing";
  return "in-sync";
}

export interface Plan<A> {
  readonly actions: readonly A[];
  readonly status: ReleaseStatus;
}
