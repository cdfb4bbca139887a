/**
 * The Lambda planner: pure function of desired release, observed AWS state and now.
 * One alias write per pass carries both the routing and the rollout state.
 */
import type { LiveAlias, LiveFunction, LiveVersion } from "../aws/lambda_port.ts";
import { type AliasState, decodeAliasState, routingOf, sameRouting } from "./alias_state.ts";
import type { LambdaAction, VersionRef } from "./actions.ts";
import type { DesiredLambda } from "./desired.ts";
import { configDifferences } from "./function_config.ts";
import { formatRouting } from "./plan_format.ts";
import { newRevisionStatus, rolloutHealth, short, slices, stepOf } from "./lambda_status.ts";
import type { Plan } from "./status.ts";
import { type AnalysisVerdict, runSteps, type StepResult } from "./steps.ts";
import { commitTag, MANAGED_BY, TAG_COMMIT, TAG_MANAGED_BY, TAG_REVISION } from "./tags.ts";

export interface ObservedLambda {
  readonly fn: LiveFunction | null;
  readonly alias: LiveAlias | null;
  /** Published versions; `null` when observing did not need them (see `lambdaNeedsVersions`). */
  readonly versions: readonly LiveVersion[] | null;
  /** Verdicts of blocking analysis steps by step index (progressive delivery fills this). */
  readonly verdicts?: Readonly<Record<number, AnalysisVerdict>>;
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
    step: stepOf(d, state.step),
    since: state.stepStartedAt,
    appliedCommit: state.commit,
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
    const write = aliasWrite(d, o.alias, state, {
      target: { version: state.targetVersion, revision: state.revision },
      stable: state.stableVersion === null
        ? null
        : { version: state.stableVersion, revision: null },
      reason: "heal",
    });
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
  if (d.traffic.kind === "explicit") {
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
  const steps = d.traffic.steps;
  const from = { step: state.step, stepStartedAt: state.stepStartedAt, weight: state.weight };
  const result = runSteps(steps, from, { now, ...(o.verdicts ? { verdicts: o.verdicts } : {}) });
  const moved = result.step !== state.step || result.weight !== state.weight;
  const actions: LambdaAction[] = moved
    ? [
      ...tagging,
      aliasWrite(d, o.alias, { ...state, ...positionOf(result) }, {
        target: { version: state.targetVersion, revision: state.revision },
        stable: state.stableVersion === null
          ? null
          : { version: state.stableVersion, revision: null },
        reason: "rollout",
      }),
    ]
    : tagging;
  if (result.complete && !moved) {
    return {
      actions,
      status: {
        ...base,
        sync: "Synced",
        health: "Healthy",
        reason: "Synced",
        message: `sha256:${short(d.revision)} serves 100%`,
        drift: [],
      },
    };
  }
  return { actions, status: { ...base, sync: "Synced", ...rolloutHealth(result, steps, now) } };
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
  let position: { step: number; stepStartedAt: number; weight: number };
  if (d.traffic.kind === "explicit") {
    const mine = d.traffic.split.find((t) => t.revision === d.revision);
    const other = d.traffic.split.find((t) => t.revision !== d.revision);
    target = resolve(d.revision);
    stable = other && other.weight > 0 ? resolve(other.revision) : null;
    position = { step: 0, stepStartedAt: now, weight: stable ? mine?.weight ?? 100 : 100 };
  } else {
    stable = stableOf(state, o);
    target = resolve(d.revision);
    if (stable && "version" in stable && "version" in target && target.version === stable.version) {
      stable = null;
    }
    // Nothing to shift traffic from (first deployment, or the same version): all at once.
    const steps = d.traffic.steps;
    position = stable
      ? positionOf(runSteps(steps, { step: 0, stepStartedAt: now, weight: 0 }, { now }))
      : { step: steps.length, stepStartedAt: now, weight: 100 };
  }
  const stableRevision = stable && "version" in stable
    ? stable.revision
    : stable?.publishedFor ?? null;
  actions.push(aliasWrite(d, o.alias, {
    revision: d.revision,
    spec: d.specDigest,
    commit: d.commit,
    stableRevision,
    ...position,
    extra: {},
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
  refs: { target: VersionRef; stable: VersionRef | null; reason: "rollout" | "heal" | "adopt" },
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

function positionOf(r: StepResult) {
  return { step: r.step, stepStartedAt: r.stepStartedAt, weight: r.weight };
}

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
