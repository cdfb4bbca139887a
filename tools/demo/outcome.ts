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
}

export type RolloutOutcome = "promoted" | "rolledBack" | "inProgress";

export interface JudgedRelease {
  readonly outcome: RolloutOutcome;
  /** Percent of live traffic on the desired revision. */
  readonly desiredWeight: number;
  /** Whether status says the desired revision is quarantined (not re-attempted). */
  readonly quarantined: boolean;
}

export function judgeRelease(view: ReleaseViewLike): JudgedRelease {
  const desiredWeight = view.live
    .filter((slice) => sameRevision(slice.revision, view.desiredRevision))
    .reduce((sum, slice) => sum + slice.weight, 0);
  const quarantined = /quarantin/i.test(`${view.reason} ${view.message}`);
  const outcome: RolloutOutcome =
    view.sync === "Synced" && view.health === "Healthy" && desiredWeight === 100
      ? "promoted"
      : view.health === "Degraded" && desiredWeight === 0 && view.live.length > 0
      ? "rolledBack"
      : "inProgress";
  return { outcome, desiredWeight, quarantined };
}

/** `sha256:<hex>` revisions match on the shorter one's digits (status may abbreviate them). */
export function sameRevision(live: string | null, desired: string): boolean {
  if (live === null) return false;
  const hex = /^sha256:([0-9a-f]+)$/;
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
