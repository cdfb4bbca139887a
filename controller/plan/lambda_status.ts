/** The Lambda release status the planner reports: sync, health, live traffic, step (pure). */
import type { LiveVersion, Routing } from "../aws/lambda_port.ts";
import type { AliasState } from "./alias_state.ts";
import type { DesiredLambda } from "./desired.ts";
import type { ObservedLambda } from "./lambda_plan.ts";
import { round } from "./plan_format.ts";
import type { ReleaseStatus, TrafficSlice } from "./status.ts";

export function newRevisionStatus(
  d: DesiredLambda,
  o: ObservedLambda,
  state: AliasState | null,
): ReleaseStatus {
  const common = {
    sync: "OutOfSync" as const,
    drift: [] as string[],
    step: stepOf(d, 0),
    since: null,
    appliedCommit: state?.commit ?? null,
  };
  if (!o.fn) {
    return {
      ...common,
      health: "Missing",
      reason: "NotDeployed",
      message: `function ${d.functionName} does not exist`,
      live: [],
    };
  }
  if (!o.alias) {
    return {
      ...common,
      health: "Missing",
      reason: "NotDeployed",
      message: `alias ${d.functionName}:${d.alias} does not exist`,
      live: [],
    };
  }
  const what = state && state.revision !== d.revision
    ? `sha256:${short(state.revision)} -> sha256:${short(d.revision)}`
    : state
    ? `configuration or traffic of sha256:${short(d.revision)} changed`
    : `alias not yet managed; taking it to sha256:${short(d.revision)}`;
  const rollingOut = state !== null && state.weight < 100;
  return {
    ...common,
    health: rollingOut ? "Progressing" : "Healthy",
    reason: "NewRevision",
    message: what,
    live: slices(o.alias.routing, state, o.versions),
  };
}

export function stepOf(d: DesiredLambda, step: number) {
  if (d.traffic.kind !== "progressive" || d.traffic.strategy.steps.length === 0) return null;
  const total = d.traffic.strategy.steps.length;
  return { index: Math.min(step + 1, total), total };
}

export function slices(
  r: Routing,
  state: AliasState | null,
  versions: readonly LiveVersion[] | null,
): TrafficSlice[] {
  const revisionOf = (version: string): string | null => {
    if (state?.targetVersion === version) return `sha256:${state.revision}`;
    if (state?.stableVersion === version && state.stableRevision) {
      return `sha256:${state.stableRevision}`;
    }
    const v = versions?.find((x) => x.version === version);
    return v ? `sha256:${v.codeSha256}` : null;
  };
  const extra = r.extra && r.extra.weight > 0 ? r.extra : null;
  const out: TrafficSlice[] = [{
    target: `v${r.primary}`,
    revision: revisionOf(r.primary),
    weight: round(100 - (extra?.weight ?? 0)),
  }];
  if (extra) {
    out.push({
      target: `v${extra.version}`,
      revision: revisionOf(extra.version),
      weight: round(extra.weight),
    });
  }
  return out;
}

export function short(hex: string) {
  return hex.slice(0, 12);
}
