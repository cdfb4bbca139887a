/**
 * The persisted form of a `RolloutState`: short `key=value` fields, each value made only of
 * characters AWS allows in tag values, so they fit in an alias description (Lambda keeps
 * rollout state there, written in the same `UpdateAlias` as the routing) or in tags.
 *
 * Keys: `rev` revision, `ph` phase letter, `st` step, `t` step start (ms, base36), `w` weight,
 * `h` hold (`<kind><run>.<since>`), `f` failure (`<reason>.<at>[.<metric>]`), `c` last command
 * time, `a` step/bake analysis run and `b` background run (`analysis/run_codec.ts`), `s` the
 * bake's stable baseline (values positional over the bake's metrics).
 *
 * Without the analysis runs a state is about 100 characters; each run adds about 35 per
 * metric. What must be persisted: all of it. A run that cannot be decoded (its template
 * changed) is dropped, which re-runs that analysis from its start: safe, never skipping it.
 */
import { decodeRun, encodeRun } from "../analysis/run_codec.ts";
import { type AnalysisTemplate, runMetrics } from "../analysis/template.ts";
import type { RolloutStrategy } from "./steps.ts";
import type {
  FailureReason,
  Hold,
  HoldKind,
  RolloutPhase,
  RolloutState,
  RunKind,
} from "./state.ts";

export class RolloutStateError extends Error {
  override readonly name = "RolloutStateError";
}

const PHASE: Record<RolloutPhase, string> = {
  Progressing: "P",
  Baking: "B",
  Completed: "C",
  RolledBack: "R",
  Aborted: "A",
};
const HOLD: Record<HoldKind, string> = { user: "u", inconclusive: "i", failed: "f" };
const RUN: Record<RunKind, string> = { step: "s", background: "g", bake: "k" };
const REASON: Record<FailureReason, string> = {
  analysis: "a",
  background: "g",
  bake: "k",
  deadline: "d",
  abort: "x",
};
const invert = <T extends string>(map: Record<T, string>) =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k])) as Record<string, T>;
const PHASE_OF = invert(PHASE);
const HOLD_OF = invert(HOLD);
const RUN_OF = invert(RUN);
const REASON_OF = invert(REASON);

/** What decoding needs to know: the runs are positional over their templates' metrics. */
export interface StateContext {
  readonly strategy: RolloutStrategy;
  readonly templates: ReadonlyMap<string, AnalysisTemplate>;
}

export function encodeRolloutState(
  state: RolloutState,
  context: StateContext,
): Record<string, string> {
  const fields: Record<string, string> = {
    rev: state.revision,
    ph: PHASE[state.phase],
    st: String(state.step),
    t: state.stepStartedAt.toString(36),
    w: String(state.weight),
  };
  const hold = state.hold;
  if (hold) {
    fields.h = `${HOLD[hold.kind]}${hold.run ? RUN[hold.run] : ""}.${hold.since.toString(36)}`;
  }
  const failure = state.failure;
  if (failure) {
    fields.f = [
      REASON[failure.reason],
      failure.at.toString(36),
      ...(failure.metric ? [failure.metric] : []),
    ]
      .join(".");
  }
  if (state.lastCommandAt > 0) fields.c = state.lastCommandAt.toString(36);
  const analysisTemplates = analysisTemplatesOf(state, context.strategy);
  if (state.analysis && analysisTemplates) {
    fields.a = encodeRun(state.analysis, runMetrics(context.templates, analysisTemplates));
  }
  const bake = context.strategy.bake;
  if (state.baseline && bake) {
    const metrics = runMetrics(context.templates, bake.templates);
    fields.s = metrics.map((m) => {
      const value = state.baseline?.[m.key];
      return value === undefined ? "" : String(Number(value.toPrecision(6)));
    }).join(":");
  }
  const background = context.strategy.background;
  if (state.background && background) {
    fields.b = encodeRun(state.background, runMetrics(context.templates, background.templates));
  }
  return fields;
}

/** @throws {RolloutStateError} when the fields are not a rollout state. */
export function decodeRolloutState(
  fields: Readonly<Record<string, string>>,
  context: StateContext,
): RolloutState {
  const revision = fields.rev;
  if (!revision) throw new RolloutStateError("missing rev");
  const phase = PHASE_OF[fields.ph ?? ""];
  if (!phase) throw new RolloutStateError(`unknown phase ${JSON.stringify(fields.ph)}`);
  const step = decimal(fields.st, "st");
  const weight = Number(fields.w);
  if (!(weight >= 0 && weight <= 100)) throw new RolloutStateError(`bad weight ${fields.w}`);
  const base: RolloutState = {
    revision,
    phase,
    step,
    stepStartedAt: base36(fields.t, "t"),
    weight,
    lastCommandAt: fields.c === undefined ? 0 : base36(fields.c, "c"),
    hold: fields.h === undefined ? undefined : decodeHold(fields.h),
    failure: fields.f === undefined ? undefined : decodeFailure(fields.f),
  };
  const analysisTemplates = analysisTemplatesOf(base, context.strategy);
  const background = context.strategy.background;
  return {
    ...base,
    baseline: fields.s && context.strategy.bake
      ? decodeBaseline(fields.s, runMetrics(context.templates, context.strategy.bake.templates))
      : undefined,
    analysis: fields.a && analysisTemplates
      ? tryRun(fields.a, runMetrics(context.templates, analysisTemplates))
      : undefined,
    background: fields.b && background
      ? tryRun(fields.b, runMetrics(context.templates, background.templates))
      : undefined,
  };
}

/** Fields as one space-separated line (`k=v k=v`), e.g. for an alias description. */
export function fieldsToText(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(" ");
}

export function textToFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new RolloutStateError(`expected key=value, found ${JSON.stringify(part)}`);
    fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields;
}

/** The templates whose run `state.analysis` holds: the current analysis step's, or the bake's. */
function analysisTemplatesOf(state: RolloutState, strategy: RolloutStrategy) {
  if (state.phase === "Baking" || (state.failure?.reason === "bake")) {
    return strategy.bake?.templates;
  }
  const current = strategy.steps[state.step];
  return current?.kind === "analysis" ? current.templates : undefined;
}

function tryRun(text: string, metrics: Parameters<typeof decodeRun>[1]) {
  try {
    return decodeRun(text, metrics);
  } catch {
    return undefined;
  }
}

/** Positional baseline values; a mismatch with the bake's metrics drops it (never misread). */
function decodeBaseline(
  text: string,
  metrics: Parameters<typeof decodeRun>[1],
): RolloutState["baseline"] {
  const values = text.split(":");
  if (values.length !== metrics.length) return undefined;
  const entries = metrics.flatMap((m, i) => {
    const value = values[i] === "" ? NaN : Number(values[i]);
    return Number.isFinite(value) ? [[m.key, value] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function decodeHold(text: string): Hold {
  const [flags = "", since] = text.split(".");
  const kind = HOLD_OF[flags[0] ?? ""];
  const run = flags.length > 1 ? RUN_OF[flags.slice(1)] : undefined;
  if (!kind || (flags.length > 1 && !run)) throw new RolloutStateError(`bad hold ${text}`);
  return { kind, since: base36(since, "hold"), run };
}

function decodeFailure(text: string): RolloutState["failure"] {
  const [code = "", at, ...metric] = text.split(".");
  const reason = REASON_OF[code];
  if (!reason) throw new RolloutStateError(`bad failure ${text}`);
  return {
    reason,
    at: base36(at, "failure"),
    metric: metric.length ? metric.join(".") : undefined,
  };
}

function decimal(text: string | undefined, what: string): number {
  if (text === undefined || !/^[0-9]+$/.test(text)) {
    throw new RolloutStateError(`${what}: expected a whole number, found ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function base36(text: string | undefined, what: string): number {
  if (text === undefined || !/^[0-9a-z]+$/.test(text)) {
    throw new RolloutStateError(`${what}: expected a base-36 time, found ${JSON.stringify(text)}`);
  }
  return parseInt(text, 36);
}
