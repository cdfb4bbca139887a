/**
 * Everything the controller keeps about a Lambda release, in the alias `Description` (at most
 * 256 characters), written in the same `UpdateAlias` call as the routing, so traffic and
 * progress change atomically: which versions the routing means, and the rollout's own state
 * (`rollout/state_codec.ts` fields, kept verbatim here and decoded with the release's
 * strategy by `lambda_rollout.ts`).
 *
 *     mlnews/2 spec=<12> git=<12> tv=4 sv=3 srev=<12> rev=<64 hex> ph=P st=1 t=… w=10 [h f c a b s]
 */
import type { Routing } from "../aws/lambda_port.ts";

export const ALIAS_STATE_MARKER = "mlnews/2";
export const DESCRIPTION_LIMIT = 256;

/** Keys this codec owns; every other `key=value` belongs to the rollout state. */
const OWN = ["spec", "git", "tv", "sv", "srev"] as const;

export interface AliasState {
  /** `DesiredLambda.specDigest` the rollout was planned for. */
  readonly spec: string;
  /** Git commit (12 chars) of the manifests the rollout came from. */
  readonly commit: string | null;
  /** Published version of the rollout's revision. */
  readonly targetVersion: string;
  /** The version traffic comes from (and returns to on rollback); `null` on a first deployment. */
  readonly stableVersion: string | null;
  /** First 12 hex of the stable version's revision, when known. */
  readonly stableRevision: string | null;
  /** The rollout state's fields (`encodeRolloutState`): `rev`, `ph`, `st`, `t`, `w`, …. */
  readonly rollout: Readonly<Record<string, string>>;
  /** sha256 hex of the revision the alias moves to (or holds): `rollout.rev`. */
  readonly revision: string;
  /** Percent of traffic on `targetVersion`: `rollout.w`. */
  readonly weight: number;
}

/** The alias routing that a state stands for: 0 % is all stable, 100 % all target. */
export function routingOf(
  state: Pick<AliasState, "targetVersion" | "stableVersion" | "weight">,
): Routing {
  if (
    state.stableVersion === null || state.weight >= 100 ||
    state.stableVersion === state.targetVersion
  ) {
    return { primary: state.targetVersion, extra: null };
  }
  if (state.weight <= 0) return { primary: state.stableVersion, extra: null };
  return {
    primary: state.stableVersion,
    extra: { version: state.targetVersion, weight: state.weight },
  };
}

export function encodeAliasState(
  state: Omit<AliasState, "revision" | "weight">,
): string {
  const own: [string, string][] = [
    ["spec", state.spec],
    ["git", state.commit?.slice(0, 12) ?? "-"],
    ["tv", state.targetVersion],
    ["sv", state.stableVersion ?? "-"],
    ["srev", state.stableRevision?.slice(0, 12) ?? "-"],
  ];
  const rollout = Object.entries(state.rollout).filter(([k]) => !isOwn(k));
  const text = [ALIAS_STATE_MARKER, ...[...own, ...rollout].map(([k, v]) => `${k}=${v}`)]
    .join(" ");
  if (text.length > DESCRIPTION_LIMIT) {
    throw new RangeError(
      `alias state is ${text.length} characters, over Lambda's ${DESCRIPTION_LIMIT}: ${text}`,
    );
  }
  return text;
}

/** `null` when the description is not ours (hand-made alias, older format) or is damaged. */
export function decodeAliasState(description: string): AliasState | null {
  const [marker, ...parts] = description.trim().split(/\s+/);
  if (marker !== ALIAS_STATE_MARKER) return null;
  const map = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const spec = map.get("spec");
  const targetVersion = map.get("tv");
  const revision = map.get("rev");
  const weight = Number(map.get("w"));
  if (!revision || !/^[0-9a-f]{64}$/.test(revision) || !spec || !targetVersion) return null;
  if (!Number.isFinite(weight) || weight < 0 || weight > 100) return null;
  const dash = (v: string | undefined) => (v === undefined || v === "-" ? null : v);
  return {
    spec,
    commit: dash(map.get("git")),
    targetVersion,
    stableVersion: dash(map.get("sv")),
    stableRevision: dash(map.get("srev")),
    rollout: Object.fromEntries([...map].filter(([k]) => !isOwn(k))),
    revision,
    weight,
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

function isOwn(key: string): boolean {
  return (OWN as readonly string[]).includes(key);
}
