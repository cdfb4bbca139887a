/**
 * The canary step machine, pure: from the release's strategy, the persisted rollout state, a
 * manual command and `now`, ONE decision. Moves that need no AWS write (a pause that is over,
 * an analysis that passed, a weight already live) are folded in, so every decision is either
 * one write, one round of measurements, or a wait.
 *
 * Guarantees, by construction:
 * - the step index only moves forward, and only `retry` or a new revision resets it to 0;
 * - an analysis step advances only on a Successful verdict (or a human `promote`);
 * - a `setWeight` equal to the weight already written (or observed live) is not written again;
 * - rollback is one write to stable, from any step, never a walk back through the weights;
 * - a rolled-back or aborted revision is quarantined until the revision changes or `retry`.
 */
import { assessRun, type MetricSummary, type RunStatus, startRun } from "../analysis/run.ts";
import type { DueMeasurement } from "../analysis/measure.ts";
import { type AnalysisTemplate, runMetrics } from "../analysis/template.ts";
import type { ManualCommand } from "./command.ts";
import type { RolloutStrategy } from "./steps.ts";
import {
  type FailureReason,
  type Hold,
  isQuarantined,
  type RolloutState,
  type RunKind,
} from "./state.ts";

export type { RunKind } from "./state.ts";

export interface RolloutInput {
  /** The revision git asks for. */
  readonly revision: string;
  /** The revision serving as primary outside any rollout; `null` when nothing is deployed. */
  readonly stableRevision: string | null;
  /** Percent of traffic observed live on `revision`, when known (guards a lost state write). */
  readonly observedWeight?: number | undefined;
  readonly strategy: RolloutStrategy;
  readonly templates: ReadonlyMap<string, AnalysisTemplate>;
  /** The persisted state, `null` when this release never rolled out. */
  readonly state: RolloutState | null;
  readonly command?: ManualCommand | undefined;
  readonly now: number;
}

/** A metric to measure now (see `measureMetrics` in `analysis/measure.ts`). */
export type DueMetric = DueMeasurement;

interface Base {
  /** The state to persist with this decision's effect (in the same write where possible). */
  readonly state: RolloutState;
  /** A manual command that had nothing to act on, explained. */
  readonly note?: string | undefined;
}

export type Decision =
  & Base
  & (
    /** Route `weight` percent to the revision (one alias write). */
    | { readonly kind: "setWeight"; readonly weight: number }
    /** Nothing to do before `until`. */
    | { readonly kind: "wait"; readonly until: number; readonly reason: string }
    /** Measure these metrics now, then `recordMeasurements` and decide again. */
    | { readonly kind: "measure"; readonly run: RunKind; readonly metrics: readonly DueMetric[] }
    /** The revision becomes primary with empty routing (one write). */
    | { readonly kind: "promote"; readonly reason: string }
    /** All traffic back to stable in one write; the revision is quarantined. */
    | {
      readonly kind: "rollback";
      readonly reason: string;
      readonly failing: readonly MetricSummary[];
    }
    /** Waiting for a human (`promote`, `resume`, `abort`); status shows the reason. */
    | { readonly kind: "pauseForHuman"; readonly reason: string }
    /** The revision was rolled back and is not re-attempted; `reason` says how to lift it. */
    | { readonly kind: "quarantined"; readonly reason: string }
    /** The revision serves all traffic. */
    | { readonly kind: "done" }
  );

export function decide(input: RolloutInput): Decision {
  const command = input.command;
  const fresh = command !== undefined &&
    (input.state === null || command.at > input.state.lastCommandAt);
  const started = start(input);
  if (started.kind !== "continue") return started;
  let state = started.state;
  if (!fresh) return step(state, input);
  state = { ...state, lastCommandAt: command.at };
  return obey(command, state, input);
}

type Started = Decision | { readonly kind: "continue"; readonly state: RolloutState };

/** Begins a rollout when the revision differs from the one the state is about. */
function start(input: RolloutInput): Started {
  const { now, revision } = input;
  const previous = input.state;
  if (previous !== null && previous.revision === revision) {
    return { kind: "continue", state: previous };
  }
  const lastCommandAt = previous?.lastCommandAt ?? 0;
  const completed: RolloutState = {
    revision,
    phase: "Completed",
    step: input.strategy.steps.length,
    stepStartedAt: now,
    weight: 100,
    lastCommandAt,
  };
  if (input.stableRevision === revision) {
    const midway = previous !== null && previous.weight > 0 &&
      (previous.phase === "Progressing" || previous.phase === "Baking");
    return midway
      ? {
        kind: "promote",
        reason: `${short(revision)} is stable again: all traffic to it`,
        state: completed,
      }
      : { kind: "done", state: completed };
  }
  if (input.stableRevision === null) {
    return {
      kind: "promote",
      reason: "first deployment: nothing to compare with",
      state: completed,
    };
  }
  return {
    kind: "continue",
    state: {
      revision,
      phase: "Progressing",
      step: 0,
      stepStartedAt: now,
      weight: 0,
      lastCommandAt,
    },
  };
}

/** Applies a manual command that is newer than the last one applied. */
function obey(command: ManualCommand, state: RolloutState, input: RolloutInput): Decision {
  const { now } = input;
  const active = state.phase === "Progressing" || state.phase === "Baking";
  const ignored = (why: string) => ({ ...step(state, input), note: `${command.kind}: ${why}` });
  switch (command.kind) {
    case "abort":
      if (!active) return ignored(`nothing to abort (rollout is ${state.phase})`);
      return rollback(state, input, "abort", "aborted by `rollout abort`", []);
    case "retry":
      if (!isQuarantined(state)) return ignored(`nothing to retry (rollout is ${state.phase})`);
      return step({
        revision: state.revision,
        phase: "Progressing",
        step: 0,
        stepStartedAt: now,
        weight: 0,
        lastCommandAt: state.lastCommandAt,
      }, input);
    case "pause":
      if (!active || state.hold) return ignored(`nothing to pause (rollout is ${label(state)})`);
      return step({ ...state, hold: { kind: "user", since: now } }, input);
    case "resume": {
      const hold = state.hold;
      if (!hold || hold.kind === "failed") {
        return ignored(hold ? "analysis failed: use promote or abort" : "rollout is not held");
      }
      if (hold.kind === "user") {
        // Timed pauses and the bake continue where they stopped.
        return step({
          ...state,
          hold: undefined,
          stepStartedAt: state.stepStartedAt + now - hold.since,
        }, input);
      }
      return step(restartRun({ ...state, hold: undefined }, hold.run ?? "step", now), input);
    }
    case "promote":
      if (!active) return ignored(`nothing to promote (rollout is ${state.phase})`);
      if (command.full) {
        if (state.phase === "Baking") {
          return complete(state, now);
        }
        return promote(state, input, "promoted by `rollout promote --full`");
      }
      return promoteOne(state, input, ignored);
  }
}

/** `promote` without `--full`: ends the current pause or accepts the held analysis. */
function promoteOne(
  state: RolloutState,
  input: RolloutInput,
  ignored: (why: string) => Decision,
): Decision {
  const { now } = input;
  const hold = state.hold;
  const cleared = { ...state, hold: undefined };
  const current = state.phase === "Progressing" ? input.strategy.steps[state.step] : undefined;
  if (hold?.kind === "user") {
    const resumed = { ...cleared, stepStartedAt: state.stepStartedAt + now - hold.since };
    return step(current?.kind === "pause" ? next(resumed, now) : resumed, input);
  }
  if (hold) {
    const run = hold.run ?? "step";
    if (run === "bake") return complete(cleared, now);
    if (run === "background") return step(restartRun(cleared, "background", now), input);
    return step(next(cleared, now), input);
  }
  if (current?.kind === "pause") return step(next(state, now), input);
  return ignored("nothing is paused (`promote --full` skips every remaining step)");
}

/** The decision for a state no command is acting on. */
function step(state: RolloutState, input: RolloutInput): Decision {
  if (isQuarantined(state)) return quarantined(state);
  if (state.phase === "Completed") return { kind: "done", state };
  if (state.hold) {
    return { kind: "pauseForHuman", reason: holdReason(state, state.hold, input), state };
  }
  if (state.phase === "Baking") return bake(state, input);
  const background = backgroundRun(state, input);
  if (background.kind !== "continue") return background;
  const decision = steps(background.state, input);
  // Only a step still in progress can be stuck: a passed analysis moves on, however late.
  const stuck = decision.kind === "wait" || decision.kind === "measure";
  const deadline = stuck ? overDeadline(decision.state, input) : undefined;
  if (deadline) return rollback(decision.state, input, "deadline", deadline, []);
  return withBackground(decision, input);
}

/** Runs steps until one needs a write, a measurement, a wait or a human. */
function steps(initial: RolloutState, input: RolloutInput): Decision {
  const { now } = input;
  const list = input.strategy.steps;
  let state = initial;
  while (state.step < list.length) {
    const current = list[state.step]!;
    const where = `step ${state.step + 1}/${list.length}`;
    if (current.kind === "setWeight") {
      const moved = { ...next(state, now), weight: current.weight };
      if (current.weight === state.weight || current.weight === input.observedWeight) {
        state = moved; // already live: never written twice
        continue;
      }
      return { kind: "setWeight", weight: current.weight, state: moved };
    }
    if (current.kind === "pause") {
      if (current.durationMs === null) {
        return {
          kind: "pauseForHuman",
          reason: `${where}: paused until \`rollout promote\``,
          state,
        };
      }
      const until = state.stepStartedAt + current.durationMs;
      if (now < until) return { kind: "wait", until, reason: `${where}: pause`, state };
      state = next(state, now);
      continue;
    }
    const metrics = runMetrics(input.templates, current.templates);
    state = { ...state, analysis: state.analysis ?? startRun(now) };
    const status = assessRun(metrics, state.analysis!, { now });
    const what = `${where}: analysis ${current.templates.join(", ")}`;
    switch (status.phase) {
      case "Successful":
        state = { ...next(state, now), baseline: baselineAfter(state, input) };
        continue;
      case "Running":
        return running(state, "step", status, what);
      default:
        return verdict(state, input, "step", status);
    }
  }
  return promote(state, input, `${list.length} step(s) done`);
}

/** The next step, with its clock restarted and the step's analysis run closed. */
function next(state: RolloutState, now: number): RolloutState {
  return { ...state, step: state.step + 1, stepStartedAt: now, analysis: undefined };
}

/** The bake's baseline, updated with the stable values of the analysis that just passed. */
function baselineAfter(state: RolloutState, input: RolloutInput): RolloutState["baseline"] {
  if (!input.strategy.bake || !state.analysis) return state.baseline;
  const values = Object.entries(state.analysis.metrics).flatMap(([key, counters]) => {
    const stable = counters.last?.stableValue;
    return stable === undefined ? [] : [[key, stable] as const];
  });
  return values.length > 0 ? { ...state.baseline, ...Object.fromEntries(values) } : state.baseline;
}

function running(state: RolloutState, run: RunKind, status: RunStatus, what: string): Decision {
  const runState = run === "background" ? state.background! : state.analysis!;
  if (status.due.length > 0) {
    const metrics = status.due.map((metric): DueMetric => ({
      metric,
      since: runState.metrics[metric.key]?.last?.at ?? runState.startedAt,
      ...(run === "bake" && state.baseline?.[metric.key] !== undefined
        ? { stableFallback: state.baseline[metric.key] }
        : {}),
    }));
    return { kind: "measure", run, metrics, state };
  }
  return { kind: "wait", until: status.nextAt!, reason: `${what}: next measurement`, state };
}

/** A Failed, Error or Inconclusive analysis verdict. */
function verdict(
  state: RolloutState,
  input: RolloutInput,
  run: RunKind,
  status: RunStatus,
): Decision {
  const failing = status.metrics.filter((m) => !m.dryRun && m.phase === status.phase);
  if (status.phase !== "Inconclusive" && input.strategy.rollbackPolicy === "auto") {
    const reason: FailureReason = run === "step" ? "analysis" : run;
    const message = `${
      run === "step" ? "analysis" : `${run} analysis`
    } ${status.phase}: ${status.message}`;
    return rollback(state, input, reason, message, failing, failing[0]?.key);
  }
  const kind = status.phase === "Inconclusive" ? "inconclusive" : "failed";
  const held = { ...state, hold: { kind, since: input.now, run } as Hold };
  return { kind: "pauseForHuman", reason: holdReason(held, held.hold, input), state: held };
}

function rollback(
  state: RolloutState,
  input: RolloutInput,
  reason: FailureReason,
  message: string,
  failing: readonly MetricSummary[],
  metric?: string,
): Decision {
  const rolledBack: RolloutState = {
    ...state,
    phase: reason === "abort" ? "Aborted" : "RolledBack",
    weight: 0,
    hold: undefined,
    failure: { reason, at: input.now, metric },
  };
  if (state.phase === "Progressing" && input.observedWeight === 0) {
    return quarantined(rolledBack); // stable already has all traffic: nothing to write
  }
  return { kind: "rollback", reason: message, failing, state: rolledBack };
}

function promote(state: RolloutState, input: RolloutInput, reason: string): Decision {
  const baking = input.strategy.bake !== undefined;
  const base = {
    ...state,
    step: input.strategy.steps.length,
    stepStartedAt: input.now,
    weight: 100,
  };
  const promoted: RolloutState = baking
    ? { ...base, phase: "Baking", analysis: startRun(input.now), background: undefined }
    : { ...base, phase: "Completed", analysis: undefined, background: undefined };
  if (input.observedWeight === 100) {
    // Already promoted (the state write after it was lost): never written twice.
    return promoted.phase === "Baking" ? bake(promoted, input) : { kind: "done", state: promoted };
  }
  return { kind: "promote", reason, state: promoted };
}

function complete(state: RolloutState, now: number): Decision {
  return {
    kind: "done",
    state: {
      ...state,
      phase: "Completed",
      stepStartedAt: now,
      analysis: undefined,
      hold: undefined,
      baseline: undefined,
    },
  };
}

/** Post-promotion bake: analysis keeps running; a failure still reverts in one write. */
function bake(state: RolloutState, input: RolloutInput): Decision {
  const { now } = input;
  const bakeSpec = input.strategy.bake;
  if (!bakeSpec) return complete(state, now);
  const run = state.analysis ?? startRun(state.stepStartedAt);
  const baking = { ...state, analysis: run };
  const status = assessRun(runMetrics(input.templates, bakeSpec.templates), run, { now });
  if (status.phase !== "Running" && status.phase !== "Successful") {
    return verdict(baking, input, "bake", status);
  }
  if (status.due.length > 0) return running(baking, "bake", status, "bake");
  const end = state.stepStartedAt + bakeSpec.durationMs;
  if (now >= end) return complete(baking, now);
  const until = Math.min(end, status.nextAt ?? end);
  return { kind: "wait", until, reason: "post-promotion bake", state: baking };
}

/** Starts and judges the background analysis once its starting step is reached. */
function backgroundRun(state: RolloutState, input: RolloutInput): Started {
  const spec = input.strategy.background;
  if (!spec || state.step < spec.startingStep) return { kind: "continue", state };
  const run = state.background ?? startRun(input.now);
  const withRun = { ...state, background: run };
  const status = assessRun(runMetrics(input.templates, spec.templates), run, { now: input.now });
  if (status.phase === "Running" || status.phase === "Successful") {
    return { kind: "continue", state: withRun };
  }
  return verdict(withRun, input, "background", status);
}

/** While the steps wait, background measurements that fall due come first. */
function withBackground(decision: Decision, input: RolloutInput): Decision {
  const spec = input.strategy.background;
  const run = decision.state.background;
  if (!spec || !run || decision.state.phase !== "Progressing") return decision;
  if (decision.kind !== "wait" && decision.kind !== "pauseForHuman") return decision;
  const status = assessRun(runMetrics(input.templates, spec.templates), run, { now: input.now });
  if (status.phase !== "Running") return decision;
  if (status.due.length > 0) return running(decision.state, "background", status, "background");
  if (decision.kind === "wait" && status.nextAt !== undefined && status.nextAt < decision.until) {
    return { ...decision, until: status.nextAt, reason: "background analysis: next measurement" };
  }
  return decision;
}

/**
 * Progress deadline: a step other than a pause that has made no progress (no step change,
 * no measurement) for `progressDeadline` aborts the rollout.
 */
function overDeadline(state: RolloutState, input: RolloutInput): string | undefined {
  const current = input.strategy.steps[state.step];
  if (!current || current.kind === "pause") return undefined;
  const measured = Object.values(state.analysis?.metrics ?? {}).map((m) => m.last?.at ?? 0);
  const since = Math.max(state.stepStartedAt, state.analysis?.startedAt ?? 0, ...measured);
  const limit = input.strategy.progressDeadlineMs;
  if (input.now - since <= limit) return undefined;
  return `progress deadline exceeded: step ${state.step + 1} made no progress for ${
    Math.round((input.now - since) / 1000)
  }s (progressDeadline ${Math.round(limit / 1000)}s)`;
}

function restartRun(state: RolloutState, run: RunKind, now: number): RolloutState {
  return run === "background"
    ? { ...state, background: startRun(now) }
    : { ...state, analysis: run === "bake" ? startRun(state.stepStartedAt) : startRun(now) };
}

function holdReason(state: RolloutState, hold: Hold, input: RolloutInput): string {
  const since = new Date(hold.since).toISOString();
  if (hold.kind === "user") {
    return `paused by \`rollout pause\` since ${since}; \`rollout resume\` continues`;
  }
  const run = hold.run ?? "step";
  const templates = run === "background"
    ? input.strategy.background?.templates
    : run === "bake"
    ? input.strategy.bake?.templates
    : (() => {
      const current = input.strategy.steps[state.step];
      return current?.kind === "analysis" ? current.templates : undefined;
    })();
  const runState = run === "background" ? state.background : state.analysis;
  const detail = templates && runState
    ? assessRun(runMetrics(input.templates, templates), runState, { now: input.now }).message
    : "";
  const what = run === "step" ? "analysis" : `${run} analysis`;
  if (hold.kind === "inconclusive") {
    return `${what} Inconclusive since ${since} (${detail}): \`rollout promote\` accepts, \`rollout resume\` measures again, \`rollout abort\` rolls back`;
  }
  return `${what} Failed since ${since} (${detail}); rollbackPolicy is manual: \`rollout abort\` rolls back, \`rollout promote\` continues`;
}

function quarantined(state: RolloutState): Decision {
  const failure = state.failure;
  const why = failure
    ? `${failure.reason}${failure.metric ? ` (${failure.metric})` : ""} at ${
      new Date(failure.at).toISOString()
    }`
    : state.phase;
  return {
    kind: "quarantined",
    reason: `revision ${
      short(state.revision)
    } was rolled back: ${why}. It is not re-attempted until the release's revision changes or \`rollout retry\` is run`,
    state,
  };
}

function label(state: RolloutState): string {
  return state.hold ? `held (${state.hold.kind})` : state.phase;
}

function short(revision: string): string {
  return revision.replace(/^sha256:/, "").slice(0, 12);
}
