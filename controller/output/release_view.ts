/**
 * The stable, documented shape of one release's status (`status -o json|yaml`, README):
 *
 * ```
 * { environment, release, kind, resource, sync, health, reason, message,
 *   desiredRevision, live: [{target, revision, weight}], step: {index, total} | null,
 *   since: ISO-8601 | null, appliedCommit, drift: [string],
 *   conditions: [{type: Ready|Reconciling|Stalled, status: "True"|"False", reason, message,
 *     lastTransitionTime, revision}],
 *   rollout: null | { phase, step: "3/7", setWeight, actualWeight, canaryRevision,
 *     stableRevision, next: {action, reason, at, inSeconds}, promotionAt, promotionInSeconds,
 *     hold, failure: {reason, at, metric}, quarantine: {revision, lift},
 *     analysis: [{run, templates, phase, message, metrics: [{key, phase, dryRun, message,
 *       measurements, successful, failed, inconclusive, errors,
 *       last: {at, value, stableValue, samples, phase}}]}] } }
 * ```
 */
import type { DesiredRelease } from "../plan/desired.ts";
import type { ReleaseStatus, TrafficSlice } from "../plan/status.ts";
import type { RolloutView } from "../plan/rollout_view.ts";

export interface Condition {
  readonly type: "Ready" | "Reconciling" | "Stalled";
  readonly status: "True" | "False";
  readonly reason: string;
  readonly message: string;
  /** When the release entered its current state, as far as AWS records it (ISO-8601). */
  readonly lastTransitionTime: string | null;
  /** The git commit the desired state was read at. */
  readonly revision: string | null;
}

export interface ReleaseView {
  readonly environment: string;
  readonly release: string;
  readonly kind: DesiredRelease["kind"];
  /** `ml-news-feedback:live` or `ml-news-cluster/ml-news-inference`. */
  readonly resource: string;
  readonly sync: ReleaseStatus["sync"];
  readonly health: ReleaseStatus["health"];
  readonly reason: string;
  readonly message: string;
  /** `sha256:<hex>` or the image reference. */
  readonly desiredRevision: string;
  readonly live: readonly TrafficSlice[];
  readonly step: ReleaseStatus["step"];
  readonly since: string | null;
  readonly appliedCommit: string | null;
  readonly drift: readonly string[];
  readonly conditions: readonly Condition[];
  /** Progressive delivery details while a rollout runs, is held or was rolled back. */
  readonly rollout: RolloutView | null;
}

export function releaseView(
  desired: DesiredRelease,
  status: ReleaseStatus,
  options: { readonly error?: Error | null } = {},
): ReleaseView {
  const error = options.error ?? null;
  const reason = error ? "ReconcileError" : status.reason;
  const message = error ? error.message : status.message;
  const ready = !error && status.sync === "Synced" && status.health === "Healthy";
  const stalled = error !== null || status.health === "Degraded";
  const revision = desired.commit;
  const lastTransitionTime = status.since === null ? null : new Date(status.since).toISOString();
  return {
    environment: desired.environment,
    release: desired.name,
    kind: desired.kind,
    resource: desired.kind === "LambdaRelease"
      ? `${desired.functionName}:${desired.alias}`
      : `${desired.cluster}/${desired.service}`,
    sync: status.sync,
    health: status.health,
    reason,
    message,
    desiredRevision: desired.kind === "LambdaRelease"
      ? `sha256:${desired.revision}`
      : desired.image,
    live: status.live,
    step: status.step,
    since: lastTransitionTime,
    appliedCommit: status.appliedCommit,
    drift: status.drift,
    rollout: status.rollout
      ? {
        ...status.rollout,
        quarantine: status.rollout.quarantine && {
          ...status.rollout.quarantine,
          lift:
            `change the revision in git, or run \`deno task rollout retry ${desired.name} --env ${desired.environment}\``,
        },
      }
      : null,
    conditions: [
      {
        type: "Ready",
        status: ready ? "True" : "False",
        reason,
        message,
        lastTransitionTime,
        revision,
      },
      {
        type: "Reconciling",
        status: !ready && !stalled ? "True" : "False",
        reason,
        message,
        lastTransitionTime,
        revision,
      },
      {
        type: "Stalled",
        status: stalled ? "True" : "False",
        reason,
        message,
        lastTransitionTime,
        revision,
      },
    ],
  };
}

/** `v3 90% (sha256:4f1c…) + v4 10% (sha256:ab12…)` */
export function formatLive(live: readonly TrafficSlice[]): string {
  if (live.length === 0) return "-";
  return live
    .map((s) => `${s.target} ${s.weight}%${s.revision ? ` (${shortRevision(s.revision)})` : ""}`)
    .join(" + ");
}

export function shortRevision(revision: string): string {
  return revision.startsWith("sha256:") ? `sha256:${revision.slice(7, 19)}` : revision;
}

/** `45s`, `12m`, `3h`, `2d` since `iso`. */
export function age(iso: string | null, now: Date): string {
  if (!iso) return "-";
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}
