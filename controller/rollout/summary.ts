/**
 * What `status` shows about a rollout, derived purely from the same input as `decide`:
 * `Step 3/7`, the weight written, the next action and when, an estimate of promotion time,
 * each analysis run's verdict with every metric's last measurement, and why it was rolled
 * back or is held.
 */
import { assessRun, type MetricSummary, type RunPhase } from "../analysis/run.ts";
import { type AnalysisMetric, runMetrics } from "../analysis/template.ts";
import { decide, type Decision, type RolloutInput } from "./machine.ts";
import type { Failure, Hold, RolloutPhase, RunKind } from "./state.ts";
import type { Step } from "./steps.ts";

export interface RunSummary {
  readonly run: RunKind;
  readonly templates: readonly string[];
  readonly phase: RunPhase;
  readonly message: string;
  readonly metrics: readonly MetricSummary[];
}

export interface RolloutSummary {
  readonly revision: string;
  readonly phase: RolloutPhase;
  /** 1-based current step and the number of steps (`step > total` once all ran). */
  readonly step: { readonly current: number; readonly total: number };
  /** Percent of traffic the rollout last wrote for the revision (compare with the live one). */
  readonly setWeight: number;
  readonly next: {
    readonly kind: Decision["kind"];
    readonly at?: number | undefined;
    readonly reason?: string | undefined;
  };
  /** Estimated promotion time; `undefined` when a human must act or it cannot be known. */
  readonly promotionAt?: number | undefined;
  readonly hold?: Hold | undefined;
  readonly failure?: Failure | undefined;
  readonly runs: readonly RunSummary[];
}

export function summarizeRollout(input: RolloutInput): RolloutSummary {
  const decision = decide(input);
  const state = decision.state;
  const { strategy, templates, now } = input;
  const runs: RunSummary[] = [];
  const summarize = (
    run: RunKind,
    names: readonly string[] | undefined,
    runState = state.analysis,
  ) => {
    if (!names || !runState) return;
    const status = assessRun(runMetrics(templates, names), runState, { now });
    runs.push({
      run,
      templates: names,
      phase: status.phase,
      message: status.message,
      metrics: status.metrics,
    });
  };
  const current = strategy.steps[state.step];
  if (state.phase === "Baking" || state.failure?.reason === "bake") {
    summarize("bake", strategy.bake?.templates);
  } else if (current?.kind === "analysis") summarize("step", current.templates);
  summarize("background", strategy.background?.templates, state.background);
  const at = decision.kind === "wait" ? decision.until : undefined;
  const reason = "reason" in decision ? decision.reason : undefined;
  return {
    revision: state.revision,
    phase: state.phase,
    step: { current: state.step + 1, total: strategy.steps.length },
    setWeight: state.weight,
    next: { kind: decision.kind, at, reason },
    promotionAt: state.phase === "Progressing" && decision.kind !== "pauseForHuman"
      ? promotionEstimate(strategy.steps, state.step, Math.max(now, at ?? now), input)
      : undefined,
    hold: state.hold,
    failure: state.failure,
    runs,
  };
}

/** Now plus the known duration of the steps after the current one (untimed pause: unknown). */
function promotionEstimate(
  steps: readonly Step[],
  from: number,
  start: number,
  input: RolloutInput,
): number | undefined {
  let at = start;
  for (const step of steps.slice(from + 1)) {
    if (step.kind === "pause") {
      if (step.durationMs === null) return undefined;
      at += step.durationMs;
    } else if (step.kind === "analysis") {
      at += analysisDuration(runMetrics(input.templates, step.templates));
    }
  }
  return at;
}

/** How long a run of these metrics takes when every measurement is on time. */
export function analysisDuration(metrics: readonly AnalysisMetric[]): number {
  const deciding = metrics.filter((m) => !m.dryRun && m.count !== undefined);
  return Math.max(0, ...deciding.map((m) => m.initialDelayMs + m.intervalMs * (m.count! - 1)));
}
