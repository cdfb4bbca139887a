/**
 * What `status` shows about a rollout (`status -o json` carries it as `rollout`): `Step 3/7`,
 * set weight vs live weight, canary and stable revisions, each metric's last measurement and
 * verdict, time to the next step and to promotion, what failed and when, and the quarantine
 * with how to lift it. Times are ISO-8601, durations whole seconds.
 */
import type { RolloutInput } from "../rollout/machine.ts";
import { isQuarantined, type RolloutPhase } from "../rollout/state.ts";
import { summarizeRollout } from "../rollout/summary.ts";
import type { MetricSummary } from "../analysis/run.ts";

export interface MetricView {
  readonly key: string;
  readonly phase: string;
  readonly dryRun: boolean;
  readonly message: string;
  readonly measurements: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly errors: number;
  readonly last: {
    readonly at: string;
    readonly value: number | null;
    readonly stableValue: number | null;
    readonly samples: number;
    readonly phase: string;
  } | null;
}

export interface RolloutView {
  readonly phase: RolloutPhase;
  /** `3/7`: the current step (1-based) of all steps. */
  readonly step: string;
  /** Percent the rollout last set for the canary, and percent AWS routes to it now. */
  readonly setWeight: number;
  readonly actualWeight: number;
  readonly canaryRevision: string;
  readonly stableRevision: string | null;
  readonly next: {
    readonly action: string;
    readonly reason: string | null;
    readonly at: string | null;
    readonly inSeconds: number | null;
  };
  readonly promotionAt: string | null;
  readonly promotionInSeconds: number | null;
  readonly hold:
    | { readonly kind: string; readonly since: string; readonly run: string | null }
    | null;
  readonly failure: {
    readonly reason: string;
    readonly at: string;
    readonly metric: string | null;
  } | null;
  readonly quarantine: { readonly revision: string; readonly lift: string } | null;
  readonly analysis: readonly {
    readonly run: string;
    readonly templates: readonly string[];
    readonly phase: string;
    readonly message: string;
    readonly metrics: readonly MetricView[];
  }[];
}

export function rolloutView(
  input: RolloutInput,
  live: {
    readonly liveWeight: number;
    readonly stableRevision: string | null;
    readonly now: number;
    /** How to lift a quarantine, e.g. `deno task rollout retry feedback --env dev`. */
    readonly retryHint?: string;
  },
): RolloutView {
  const s = summarizeRollout(input);
  const iso = (ms: number | undefined) => ms === undefined ? null : new Date(ms).toISOString();
  const seconds = (ms: number | undefined) =>
    ms === undefined ? null : Math.max(0, Math.ceil((ms - live.now) / 1000));
  const quarantined = isQuarantined({ phase: s.phase } as never);
  return {
    phase: s.phase,
    step: `${Math.min(s.step.current, s.step.total)}/${s.step.total}`,
    setWeight: s.setWeight,
    actualWeight: live.liveWeight,
    canaryRevision: `sha256:${s.revision}`,
    stableRevision: live.stableRevision ? `sha256:${live.stableRevision}` : null,
    next: {
      action: s.next.kind,
      reason: s.next.reason ?? null,
      at: iso(s.next.at),
      inSeconds: seconds(s.next.at),
    },
    promotionAt: iso(s.promotionAt),
    promotionInSeconds: seconds(s.promotionAt),
    hold: s.hold ? { kind: s.hold.kind, since: iso(s.hold.since)!, run: s.hold.run ?? null } : null,
    failure: s.failure
      ? { reason: s.failure.reason, at: iso(s.failure.at)!, metric: s.failure.metric ?? null }
      : null,
    quarantine: quarantined
      ? {
        revision: `sha256:${s.revision}`,
        lift: live.retryHint ??
          "change the release's revision in git, or run `deno task rollout retry <release>`",
      }
      : null,
    analysis: s.runs.map((run) => ({
      run: run.run,
      templates: run.templates,
      phase: run.phase,
      message: run.message,
      metrics: run.metrics.map(metricView),
    })),
  };
}

/** One metric of an analysis run as status shows it. */
export function metricView(m: MetricSummary): MetricView {
  return {
    key: m.key,
    phase: m.phase,
    dryRun: m.dryRun,
    message: m.message,
    measurements: m.count,
    successful: m.successful,
    failed: m.failed,
    inconclusive: m.inconclusive,
    errors: m.errors,
    last: m.last
      ? {
        at: new Date(m.last.at).toISOString(),
        value: m.last.value ?? null,
        stableValue: m.last.stableValue ?? null,
        samples: m.last.samples,
        phase: m.last.phase,
      }
      : null,
  };
}
