/**
 * What became of a rollout, read from one release of `status -o json` (the documented
 * `ReleaseStatusList` item): promoted (all traffic on the desired revision, Synced and
 * Healthy), rolled back (Degraded with no traffic left on the desired revision), or still
 * under way. Pure, so the demo and its test judge a stage the same way.
 */
export interface ReleaseViewLike {
  readonly environment: string;
  readonly release: string;
  readonly sync: string;
  readonly health: string;
  readonly reason: string;
  readonly message: string;
  readonly desiredRevision: string;
  readonly live: readonly {
    readonly target: string;
    readonly revision: string | null;
    readonly weight: number;
  }[];
  /** Progressive delivery details (absent from controllers that do not report them). */
  readonly rollout?: {
    readonly phase: string;
    /** `3/7`: the current step of all steps. */
    readonly step: string;
    readonly canaryRevision: string;
    readonly failure: { readonly reason: string; readonly metric: string | null } | null;
    readonly quarantine: { readonly revision: string } | null;
    readonly analysis: readonly {
      readonly run: string;
      readonly phase: string;
      readonly templates: readonly string[];
    }[];
  } | null;
}

export type RolloutOutcome = "promoted" | "rolledBack" | "inProgress";

export interface JudgedRelease {
  readonly outcome: RolloutOutcome;
  /** Percent of live traffic on the desired revision. */
  readonly desiredWeight: number;
  /** Whether status says the desired revision is quarantined (not re-attempted). */
  readonly quarantined: boolean;
  /**
   * Phases of the rollout's analysis runs, in order (`Running`, `Failed`, …). A run that succeeds
   * is usually last seen `Running`: the pass that completes it also moves the rollout on.
   */
  readonly analysis: readonly string[];
  /** Why the rollout failed and on which metric (`analysis: http-error-rate`), when it did. */
  readonly failure: string | null;
}

export function judgeRelease(view: ReleaseViewLike): JudgedRelease {
  const desiredWeight = view.live
    .filter((slice) => sameRevision(slice.revision, view.desiredRevision))
    .reduce((sum, slice) => sum + slice.weight, 0);
  const rollout = view.rollout ?? null;
  const quarantined = rollout?.quarantine != null &&
    sameRevision(rollout.quarantine.revision, view.desiredRevision);
  const outcome: RolloutOutcome =
    view.sync === "Synced" && view.health === "Healthy" && desiredWeight === 100
      ? "promoted"
      : view.health === "Degraded" && desiredWeight === 0 && view.live.length > 0
      ? "rolledBack"
      : "inProgress";
  return {
    outcome,
    desiredWeight,
    quarantined,
    analysis: rollout?.analysis.map((run) => run.phase) ?? [],
    failure: rollout?.failure
      ? [rollout.failure.reason, rollout.failure.metric].filter(Boolean).join(": ")
      : null,
  };
}

/**
 * A rollout judged from the statuses read while it ran: the outcome of the last one, and every
 * analysis run any of them showed (its last phase; a run is named within its step), since status
 * forgets the runs of a rollout once it completes.
 */
export function judgeRollout(views: readonly ReleaseViewLike[]): JudgedRelease {
  const last = views.at(-1);
  if (!last) throw new Error("judgeRollout: no status was read");
  const runs = new Map<string, string>();
  for (const view of views) {
    for (const run of view.rollout?.analysis ?? []) {
      if (sameRevision(view.rollout?.canaryRevision ?? null, last.desiredRevision)) {
        runs.set(`${view.rollout?.step}/${run.run}`, run.phase);
      }
    }
  }
  return { ...judgeRelease(last), analysis: [...runs.values()] };
}

/**
 * `sha256:<hex>` revisions (prefix optional) match on the shorter one's digits, at least 12
 * (status may abbreviate them); anything else, such as image references, matches exactly.
 */
export function sameRevision(live: string | null, desired: string): boolean {
  if (live === null) return false;
  const hex = /^(?:sha256:)?([0-9a-f]+)$/;
  const a = hex.exec(live)?.[1];
  const b = hex.exec(desired)?.[1];
  if (a === undefined || b === undefined) return live === desired;
  return a.length >= 12 && b.length >= 12 && (a.startsWith(b) || b.startsWith(a));
}

/** The release named `env/release` from a parsed `status -o json` document. */
export function findRelease(document: unknown, key: string): ReleaseViewLike {
  const items = (document as { items?: unknown })?.items;
  if (!Array.isArray(items)) {
    throw new Error(
      `status -o json: expected a ReleaseStatusList with items, found ${
        JSON.stringify(document)?.slice(0, 200)
      }`,
    );
  }
  const found = items.find((item: ReleaseViewLike) =>
    `${item.environment}/${item.release}` === key
  );
  if (!found) throw new Error(`status -o json has no release ${key}`);
  return found as ReleaseViewLike;
}
