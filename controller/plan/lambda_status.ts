/** The Lambda release status the planner reports: sync, health, live traffic, step (pure). */
import type { LiveVersion, Routing } from "../aws/lambda_port.ts";
import type { AliasState } from "./alias_state.ts";
import type { DesiredLambda, Step } from "./desired.ts";
import type { ObservedLambda } from "./lambda_plan.ts";
import { round } from "./plan_format.ts";
import type { Health, ReleaseStatus, TrafficSlice } from "./status.ts";
import type { StepResult } from "./steps.ts";

export function newRevisionStatus(
  d: DesiredLambda,
  o: ObservedLambda,
  state: AliasState | null,
): ReleaseStatus {
  const common = {
    sync: "OutOfSync" as const,
    drift: [] as string[],
    step: stepOf(d, 0),
    since: state?.stepStartedAt ?? null,
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

export function rolloutHealth(result: StepResult, steps: readonly Step[], now: number) {
  const at = `step ${Math.min(result.step, steps.length)}/${steps.length}`;
  const w = result.waiting;
  let health: Health = "Progressing";
  let reason = "RolloutProgressing";
  let message = `${at}: ${result.weight}% on the new revision`;
  if (w?.kind === "pause" && w.until === null) {
    health = "Paused";
    reason = "RolloutPaused";
    message = `${at}: paused at ${result.weight}% until promoted (deno task rollout promote)`;
  } else if (w?.kind === "pause" && w.until !== null) {
    reason = "RolloutPausedTimed";
    message = `${at}: ${result.weight}%, next step in ${
      Math.max(0, Math.ceil((w.until - now) / 1000))
    }s`;
  } else if (w?.kind === "analysis") {
    const verdict = w.verdict;
    health = verdict === "Inconclusive"
      ? "Paused"
      : verdict === "Failed"
      ? "Degraded"
      : "Progressing";
    reason = `Analysis${verdict}`;
    message = `${at}: analysis ${
      w.templates.join(", ")
    } ${verdict.toLowerCase()} at ${result.weight}%`;
  }
  return { health, reason, message, drift: [] };
}

export function stepOf(d: DesiredLambda, step: number) {
  if (d.traffic.kind !== "steps" || d.traffic.steps.length === 0) return null;
  return { index: Math.min(step, d.traffic.steps.length), total: d.traffic.steps.length };
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
