/**
 * The Lambda side of progressive delivery, pure: the step machine's input from the alias
 * state, and what a decision means for the release's status. Used by the planner and by the
 * observer (which takes the measurements a `measure` decision asks for).
 */
import type { ManualCommand } from "../rollout/command.ts";
import type { Decision, RolloutInput } from "../rollout/machine.ts";
import type { RolloutState } from "../rollout/state.ts";
import { decodeRolloutState, type StateContext } from "../rollout/state_codec.ts";
import type { RolloutStrategy } from "../rollout/steps.ts";
import type { AliasState } from "./alias_state.ts";
import { joinRollout } from "./rollout_tags.ts";
import type { DesiredLambda } from "./desired.ts";
import type { Health } from "./status.ts";

/** A Lambda release driven by the step machine (not an explicit split). */
export type ProgressiveLambda = DesiredLambda & {
  readonly traffic: { readonly kind: "progressive"; readonly strategy: RolloutStrategy };
};

export function isProgressive(d: DesiredLambda): d is ProgressiveLambda {
  return d.traffic.kind === "progressive";
}

export function stateContext(d: ProgressiveLambda): StateContext {
  return { strategy: d.traffic.strategy, templates: d.templates };
}

/**
 * The rollout state recorded on the alias (and its analysis runs in the function's tags);
 * `null` when there is none or it is unreadable.
 */
export function recordedRollout(
  d: ProgressiveLambda,
  state: AliasState | null,
  tags: Readonly<Record<string, string>>,
): RolloutState | null {
  if (!state) return null;
  try {
    return decodeRolloutState(joinRollout(state.rollout, tags), stateContext(d));
  } catch {
    return null;
  }
}

/** The step machine's input for a release whose alias records `state`. */
export function rolloutInput(
  d: ProgressiveLambda,
  current: { readonly state: RolloutState | null; readonly stableRevision: string | null },
  options: { readonly command?: ManualCommand | undefined; readonly now: number },
): RolloutInput {
  return {
    revision: d.revision,
    stableRevision: current.stableRevision,
    strategy: d.traffic.strategy,
    templates: d.templates,
    state: current.state,
    command: options.command,
    now: options.now,
  };
}

/** Health, machine reason and message of a release the machine decided `decision` for. */
export function decisionHealth(
  decision: Decision,
  options: { readonly now: number; readonly total: number },
): { health: Health; reason: string; message: string } {
  const state = decision.state;
  const at = `step ${Math.min(state.step + 1, options.total)}/${options.total}`;
  const note = decision.note ? ` (${decision.note})` : "";
  switch (decision.kind) {
    case "done":
      return {
        health: "Healthy",
        reason: "Synced",
        message: `sha256:${state.revision.slice(0, 12)} serves 100%${note}`,
      };
    case "setWeight":
      return {
        health: "Progressing",
        reason: "RolloutProgressing",
        message: `${at}: ${decision.weight}% to sha256:${state.revision.slice(0, 12)}${note}`,
      };
    case "promote":
      return {
        health: "Progressing",
        reason: "Promoting",
        message: `promoting: ${decision.reason}${note}`,
      };
    case "measure":
      return {
        health: "Progressing",
        reason: "AnalysisRunning",
        message: `${at}: measuring ${decision.metrics.map((m) => m.metric.key).join(", ")}${note}`,
      };
    case "wait": {
      const seconds = Math.max(0, Math.ceil((decision.until - options.now) / 1000));
      return {
        health: "Progressing",
        reason: state.phase === "Baking" ? "Baking" : "RolloutProgressing",
        message: `${decision.reason} at ${state.weight}%, next in ${seconds}s${note}`,
      };
    }
    case "pauseForHuman": {
      const hold = state.hold?.kind;
      const reason = hold === "inconclusive"
        ? "AnalysisInconclusive"
        : hold === "failed"
        ? "AnalysisFailed"
        : "RolloutPaused";
      return { health: "Paused", reason, message: `${decision.reason}${note}` };
    }
    case "rollback": {
      const failing = decision.failing.map((m) => `${m.key}: ${m.message}`).join("; ");
      return {
        health: "Degraded",
        reason: state.phase === "Aborted" ? "RolloutAborted" : "RolledBack",
        message: `rolling back to stable: ${decision.reason}${failing ? ` — ${failing}` : ""}`,
      };
    }
    case "quarantined":
      return {
        health: "Degraded",
        reason: state.phase === "Aborted" ? "RolloutAborted" : "RolledBack",
        message: decision.reason,
      };
  }
}
