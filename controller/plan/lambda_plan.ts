/**
 * The Lambda planner: pure function of desired release, observed AWS state and now.
 * One alias write per pass carries both the routing and the rollout state.
 */
import type { LiveAlias, LiveFunction, LiveVersion } from "../aws/lambda_port.ts";
import type { Routing } from "../aws/lambda_port.ts";
import { decodeCommand } from "../rollout/command_tag.ts";
import { decide, type Decision } from "../rollout/machine.ts";
import type { RolloutState } from "../rollout/state.ts";
import { encodeRolloutState } from "../rollout/state_codec.ts";
import {
  type AliasState,
  decodeAliasState,
  encodeAliasState,
  routingOf,
  sameRouting,
} from "./alias_state.ts";
import type { AliasWriteReason, LambdaAction, VersionRef } from "./actions.ts";
import type { DesiredLambda } from "./desired.ts";
import { configDifferences } from "./function_config.ts";
import { formatRouting } from "./plan_format.ts";
import {
  decisionHealth,
  isProgressive,
  type ProgressiveLambda,
  recordedRollout,
  rolloutInput,
  stateContext,
} from "./lambda_rollout.ts";
import { newRevisionStatus, slices } from "./lambda_status.ts";
import { rolloutView } from "./rollout_view.ts";
import { changedTags, splitRollout } from "./rollout_tags.ts";
import type { Plan } from "./status.ts";
import {
  commitTag,
  MANAGED_BY,
  TAG_COMMAND,
  TAG_COMMIT,
  TAG_MANAGED_BY,
  TAG_REVISION,
} from "./tags.ts";

export interface ObservedLambda {
  readonly fn: LiveFunction | null;
  readonly alias: LiveAlias | null;
  /** Published versions; `null` when observing did not need them (see `lambdaNeedsVersions`). */
  readonly versions: readonly LiveVersion[] | null;
  /**
   * The alias's rollout state with the measurements taken while observing (the observer runs
   * the analysis providers when the step machine asks it to); absent when none were taken.
   */
  readonly measured?: RolloutState | undefined;
}

/** Whether planning needs the version list: only when the alias does not already record this release. */
export function lambdaNeedsVersions(desired: DesiredLambda, alias: LiveAlias | null): boolean {
  const state = alias ? decodeAliasState(alias.description) : null;
  return !isCurrent(state, desired);
}

export function planLambda(
  desired: DesiredLambda,
  observed: ObservedLambda,
  now: Date,
): Plan<LambdaAction> {
  const state = observed.alias ? decodeAliasState(observed.alias.description) : null;
  if (observed.fn && observed.alias && state && isCurrent(state, desired)) {
    return planCurrent(desired, { ...observed, alias: observed.alias }, state, now.getTime());
  }
  return planNewRevision(desired, observed, state, now.getTime());
}

function isCurrent(state: AliasState | null, d: DesiredLambda): state is AliasState {
  return state !== null && state.revision === d.revision && state.spec === d.specDigest;
}

/** The alias already records this release: heal drift, or move the rollout along its steps. */
function planCurrent(
  d: DesiredLambda,
  o: ObservedLambda & { alias: LiveAlias },
  state: AliasState,
  now: number,
): Plan<LambdaAction> {
  const expected = routingOf(state);
  const live = o.alias.routing;
  const base = {
    live: slices(live, state, o.versions),
    step: null,
    since: null,
    appliedCommit: state.commit,
  };
  const refs = {
    target: { version: state.targetVersion, revision: state.revision },
    stable: state.stableVersion === null
      ? null
      : { version: state.stableVersion, revision: state.stableRevision },
  };
  if (!sameRouting(live, expected)) {
    const drift = [
      `${d.functionName}:${d.alias} routes ${formatRouting(live)}, git says ${
        formatRouting(expected)
      }`,
    ];
    if (d.driftPolicy === "warn") {
      const message = `${drift[0]} (driftPolicy: warn, not healed)`;
      return {
        actions: [],
        status: {
          ...base,
          sync: "OutOfSync",
          health: "Healthy",
          reason: "DriftNotHealed",
          message,
          drift,
        },
      };
    }
    const write = aliasWrite(d, o.alias, state, { ...refs, reason: "heal" });
    const message = `${drift[0]}: healing`;
    return {
      actions: [write],
      status: {
        ...base,
        sync: "OutOfSync",
        health: "Healthy",
        reason: "DriftDetected",
        message,
        drift,
      },
    };
  }
  // The function-level facts, if the pass that moved the alias stopped before tagging.
  const tagging: LambdaAction[] = o.fn && !recordsRevision(o.fn.tags, d)
    ? [{ kind: "tagFunction", functionName: d.functionName, arn: o.fn.arn, tags: functionTags(d) }]
    : [];
  if (!isProgressive(d)) {
    return {
      actions: tagging,
      status: {
        ...base,
        sync: "Synced",
        health: "Healthy",
        reason: "Synced",
        message: "traffic split as in git",
        drift: [],
      },
    };
  }
  const input = rolloutInput(d, {
    state: o.measured ?? recordedRollout(d, state, o.fn?.tags ?? {}),
    stableRevision: state.stableRevision,
  }, { command: decodeCommand(o.fn?.tags[TAG_COMMAND]), now });
  const decision = decide(input);
  const split = splitRollout(encodeRolloutState(decision.state, stateContext(d)));
  const next: AliasState = {
    ...state,
    revision: decision.state.revision,
    weight: decision.state.weight,
    rollout: split.alias,
  };
  // Analysis runs first (tags), then the alias: a crash between loses a run, never skips one.
  const runTags = o.fn ? changedTags(split.tags, o.fn.tags) : {};
  const actions: LambdaAction[] = [...tagging];
  if (o.fn && Object.keys(runTags).length > 0) {
    actions.push({
      kind: "tagFunction",
      functionName: d.functionName,
      arn: o.fn.arn,
      tags: runTags,
    });
  }
  if (encodeAliasState(next) !== o.alias.description) {
    actions.push(aliasWrite(d, o.alias, next, { ...refs, reason: writeReason(decision) }));
  }
  const total = d.traffic.strategy.steps.length;
  const liveWeight = liveWeightOf(live, state.targetVersion);
  return {
    actions,
    status: {
      ...base,
      sync: "Synced",
      ...decisionHealth(decision, { now, total }),
      drift: [],
      // `Step 3/7`: the step in progress (1-based); `7/7` once every step ran.
      step: total > 0 ? { index: Math.min(decision.state.step + 1, total), total } : null,
      since: decision.state.stepStartedAt,
      rollout: rolloutView(input, {
        liveWeight,
        stableRevision: state.stableRevision,
        now,
      }),
    },
  };
}

function writeReason(decision: Decision): AliasWriteReason {
  switch (decision.kind) {
    case "setWeight":
      return "rollout";
    case "promote":
      return "promote";
    case "rollback":
      return "rollback";
    default:
      return "state";
  }
}

/** Percent of live traffic on `version`. */
function liveWeightOf(routing: Routing, version: string): number {
  const extra = routing.extra && routing.extra.weight > 0 ? routing.extra : null;
  if (routing.primary === version) return 100 - (extra?.weight ?? 0);
  return extra?.version === version ? extra.weight : 0;
}

/** A revision or configuration the alias does not record yet: publish (if needed) and route. */
function planNewRevision(
  d: DesiredLambda,
  o: ObservedLambda,
  state: AliasState | null,
  now: number,
): Plan<LambdaAction> {
  const actions: LambdaAction[] = [];
  const versions = o.versions ?? [];
  let latest = o.fn ? { code: o.fn.codeSha256, config: o.fn.config } : null;
  const published = new Set<string>();

  const resolve = (revision: string): VersionRef => {
    const found = versions
      .filter((v) =>
        v.codeSha256 === revision && configDifferences(v.config, d.config).length === 0
      )
      .sort((a, b) => Number(b.version) - Number(a.version))[0];
    if (found) return { version: found.version, revision };
    if (published.has(revision)) return { publishedFor: revision };
    const artifact = { ...d.artifact, revision };
    if (!latest) {
      const tags = functionTags(d);
      actions.push({
        kind: "createFunction",
        functionName: d.functionName,
        config: d.config,
        artifact,
        tags,
      });
    } else {
      if (latest.code !== revision) {
        actions.push({
          kind: "updateFunctionCode",
          functionName: d.functionName,
          artifact,
          from: latest.code,
        });
      }
      const changed = configDifferences(latest.config, d.config, { includeDescription: true });
      if (changed.length > 0) {
        actions.push({
          kind: "updateFunctionConfiguration",
          functionName: d.functionName,
          config: d.config,
          changed,
        });
      }
    }
    latest = { code: revision, config: d.config };
    const description = `mlnews revision sha256:${revision} git:${
      commitTag(d.commit).slice(0, 12)
    }`;
    actions.push({ kind: "publishVersion", functionName: d.functionName, revision, description });
    published.add(revision);
    return { publishedFor: revision };
  };

  let target: VersionRef;
  let stable: VersionRef | null;
  let weight: number;
  let rollout: Record<string, string>;
  if (d.traffic.kind === "explicit") {
    const mine = d.traffic.split.find((t) => t.revision === d.revision);
    const other = d.traffic.split.find((t) => t.revision !== d.revision);
    target = resolve(d.revision);
    stable = other && other.weight > 0 ? resolve(other.revision) : null;
    weight = stable ? mine?.weight ?? 100 : 100;
    rollout = encodeRolloutState(
      {
        revision: d.revision,
        phase: "Completed",
        step: 0,
        stepStartedAt: now,
        weight,
        lastCommandAt: 0,
      },
      EXPLICIT,
    );
  } else {
    const progressive = d as ProgressiveLambda;
    stable = stableOf(state, o);
    target = resolve(d.revision);
    if (stable && "version" in stable && "version" in target && target.version === stable.version) {
      stable = null;
    }
    const previous = recordedRollout(progressive, state, o.fn?.tags ?? {});
    const stableRevision = stable === null
      ? null
      : "version" in stable
      ? stable.revision ?? "unknown"
      : stable.publishedFor;
    // A command recorded before any state of ours is not about this rollout.
    const command = previous ? decodeCommand(o.fn?.tags[TAG_COMMAND]) : undefined;
    const decision = decide(
      rolloutInput(progressive, { state: previous, stableRevision }, { command, now }),
    );
    weight = stable === null ? 100 : decision.state.weight;
    // A new rollout starts without analysis runs: nothing for the run tags yet.
    rollout = splitRollout(encodeRolloutState(decision.state, stateContext(progressive))).alias;
  }
  const stableRevision = stable && "version" in stable
    ? stable.revision
    : stable?.publishedFor ?? null;
  actions.push(aliasWrite(d, o.alias, {
    revision: d.revision,
    spec: d.specDigest,
    commit: d.commit,
    stableRevision,
    weight,
    rollout,
  }, { target, stable, reason: o.alias && !state ? "adopt" : "rollout" }));
  if (o.fn && !recordsRevision(o.fn.tags, d)) {
    actions.push({
      kind: "tagFunction",
      functionName: d.functionName,
      arn: o.fn.arn,
      tags: functionTags(d),
    });
  }

  const status = newRevisionStatus(d, o, state);
  return { actions, status };
}

/** Where traffic comes from when a new revision starts rolling out. */
function stableOf(state: AliasState | null, o: ObservedLambda): VersionRef | null {
  if (state) {
    if (state.weight >= 100 || state.stableVersion === null) {
      return { version: state.targetVersion, revision: state.revision };
    }
    return { version: state.stableVersion, revision: state.stableRevision };
  }
  if (!o.alias) return null;
  const primary = o.alias.routing.primary;
  const known = o.versions?.find((v) => v.version === primary);
  return { version: primary, revision: known?.codeSha256 ?? null };
}

function aliasWrite(
  d: DesiredLambda,
  alias: LiveAlias | null,
  state: Omit<AliasState, "targetVersion" | "stableVersion">,
  refs: { target: VersionRef; stable: VersionRef | null; reason: AliasWriteReason },
): LambdaAction {
  const { targetVersion: _t, stableVersion: _s, ...rest } = state as AliasState;
  return {
    kind: alias ? "updateAlias" : "createAlias",
    functionName: d.functionName,
    alias: d.alias,
    target: refs.target,
    stable: refs.stable,
    state: rest,
    before: alias?.routing ?? null,
    revisionId: alias?.revisionId ?? null,
    reason: refs.reason,
  };
}

/** Explicit splits keep a completed rollout state (no steps, no analysis). */
const EXPLICIT = {
  strategy: { steps: [], progressDeadlineMs: 0, rollbackPolicy: "auto" as const },
  templates: new Map(),
};

function functionTags(d: DesiredLambda): Record<string, string> {
  return {
    [TAG_REVISION]: `sha256:${d.revision}`,
    [TAG_COMMIT]: commitTag(d.commit),
    [TAG_MANAGED_BY]: MANAGED_BY,
  };
}

/** The commit tag is written along with the revision, never on its own (HEAD moves are not changes). */
function recordsRevision(live: Readonly<Record<string, string>>, d: DesiredLambda): boolean {
  return live[TAG_REVISION] === `sha256:${d.revision}` && live[TAG_MANAGED_BY] === MANAGED_BY;
}
