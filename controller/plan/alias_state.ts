/**
 * Rollout state of a Lambda release, kept in the alias `Description` (at most 256 characters)
 * and written in the same `UpdateAlias` call as the routing, so traffic and progress change
 * atomically. Compact `key=value` encoding behind a version marker; unknown keys survive a
 * decode/encode round trip so later fields (issue 5) do not break older readers.
 *
 *     mlnews/1 rev=<64 hex> spec=<12 hex> git=<12> tv=4 sv=3 srev=<12 hex> w=10 st=1 t=1764140000
 */
import type { Routing } from "../aws/lambda_port.ts";

export const ALIAS_STATE_MARKER = "mlnews/1";
export const DESCRIPTION_LIMIT = 256;

export interface AliasState {
  /** sha256 hex of the revision this alias is moving to (or holds). */
  readonly revision: string;
  /** `DesiredLambda.specDigest` the rollout was planned for. */
  readonly spec: string;
  /** Git commit (12 chars) of the manifests the rollout came from. */
  readonly commit: string | null;
  /** Published version of `revision`. */
  readonly targetVersion: string;
  /** The version traffic comes from; `null` on a first deployment. */
  readonly stableVersion: string | null;
  /** First 12 hex of the stable version's revision, when known. */
  readonly stableRevision: string | null;
  /** Percent of traffic on `targetVersion`. */
  readonly weight: number;
  /** Index of the next step to run; `steps.length` when the rollout is complete. */
  readonly step: number;
  /** When the current step started (epoch milliseconds, stored in seconds). */
  readonly stepStartedAt: number;
  /** Fields written by newer controllers; kept verbatim. */
  readonly extra: Readonly<Record<string, string>>;
}

/** The alias routing that a state stands for. */
export function routingOf(
  state: Pick<AliasState, "targetVersion" | "stableVersion" | "weight">,
): Routing {
  if (
    state.stableVersion === null || state.weight >= 100 ||
    state.stableVersion === state.targetVersion
  ) {
    return { primary: state.targetVersion, extra: null };
  }
  return {
    primary: state.stableVersion,
    extra: { version: state.targetVersion, weight: state.weight },
  };
}

export function encodeAliasState(state: AliasState): string {
  const fields: [string, string][] = [
    ["rev", state.revision],
    ["spec", state.spec],
    ["git", state.commit?.slice(0, 12) ?? "-"],
    ["tv", state.targetVersion],
    ["sv", state.stableVersion ?? "-"],
    ["srev", state.stableRevision?.slice(0, 12) ?? "-"],
    ["w", String(state.weight)],
    ["st", String(state.step)],
    ["t", String(Math.floor(state.stepStartedAt / 1000))],
    ...Object.entries(state.extra),
  ];
  const text = [ALIAS_STATE_MARKER, ...fields.map(([k, v]) => `${k}=${v}`)].join(" ");
  if (text.length > DESCRIPTION_LIMIT) {
    throw new RangeError(
      `alias state is ${text.length} characters, over Lambda's ${DESCRIPTION_LIMIT}`,
    );
  }
  return text;
}

/** `null` when the description is not ours (hand-made alias) or is damaged. */
export function decodeAliasState(description: string): AliasState | null {
  const [marker, ...parts] = description.trim().split(/\s+/);
  if (marker !== ALIAS_STATE_MARKER) return null;
  const map = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const take = (key: string) => {
    const value = map.get(key);
    map.delete(key);
    return value;
  };
  const revision = take("rev");
  const spec = take("spec");
  const commit = take("git");
  const targetVersion = take("tv");
  const stableVersion = take("sv");
  const stableRevision = take("srev");
  const weight = Number(take("w"));
  const step = Number(take("st"));
  const startedSeconds = Number(take("t"));
  if (!revision || !/^[0-9a-f]{64}$/.test(revision) || !spec || !targetVersion) return null;
  if (!Number.isFinite(weight) || weight < 0 || weight > 100) return null;
  if (!Number.isInteger(step) || step < 0 || !Number.isFinite(startedSeconds)) return null;
  const dash = (v: string | undefined) => (v === undefined || v === "-" ? null : v);
  return {
    revision,
    spec,
    commit: dash(commit),
    targetVersion,
    stableVersion: dash(stableVersion),
    stableRevision: dash(stableRevision),
    weight,
    step,
    stepStartedAt: startedSeconds * 1000,
    extra: Object.fromEntries(map),
  };
}

/** Equal routing; a zero-weight additional version counts as none (Lambda serves it nothing). */
export function sameRouting(a: Routing, b: Routing): boolean {
  const ea = a.extra && a.extra.weight > 0 ? a.extra : null;
  const eb = b.extra && b.extra.weight > 0 ? b.extra : null;
  if (a.primary !== b.primary) return false;
  if (!ea || !eb) return !ea && !eb;
  return ea.version === eb.version && Math.abs(ea.weight - eb.weight) < 1e-6;
}
