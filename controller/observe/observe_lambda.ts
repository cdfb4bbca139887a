/** Gathers everything the Lambda planner needs in as few reads as possible. */
import { measureMetrics } from "../analysis/measure.ts";
import type { MetricProviders } from "../analysis/provider.ts";
import type { LambdaPort } from "../aws/lambda_port.ts";
import { decodeAliasState } from "../plan/alias_state.ts";
import type { DesiredLambda } from "../plan/desired.ts";
import { lambdaNeedsVersions, type ObservedLambda } from "../plan/lambda_plan.ts";
import {
  isProgressive,
  type ProgressiveLambda,
  recordedRollout,
  rolloutInput,
} from "../plan/lambda_rollout.ts";
import { decodeCommand } from "../rollout/command_tag.ts";
import { decide } from "../rollout/machine.ts";
import { recordRolloutMeasurements } from "../rollout/record.ts";
import type { RolloutState } from "../rollout/state.ts";
import { TAG_COMMAND } from "../plan/tags.ts";

export interface ObserveLambdaOptions {
  /** Analysis providers; without them nothing is measured (status, dry runs). */
  readonly metrics?: MetricProviders | undefined;
  /** Epoch ms: the measurements' window end. */
  readonly now: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Steady state costs two reads (GetFunction, GetAlias): the alias description records which
 * version serves which revision. The version list is read only when the alias does not record
 * the desired release yet. When the step machine asks for measurements, they are taken here
 * (reads of the metric providers) and handed to the planner with the rollout state.
 */
export async function observeLambda(
  port: LambdaPort,
  desired: DesiredLambda,
  options: ObserveLambdaOptions = { now: Date.now() },
): Promise<ObservedLambda> {
  const fn = await port.getFunction(desired.functionName);
  if (!fn) return { fn: null, alias: null, versions: null };
  const alias = await port.getAlias(desired.functionName, desired.alias);
  const versions = lambdaNeedsVersions(desired, alias)
    ? await port.listVersions(desired.functionName)
    : null;
  const observed = { fn, alias, versions };
  if (versions !== null || !alias || !options.metrics || !isProgressive(desired)) return observed;
  const measured = await measureDue(desired, {
    aliasDescription: alias.description,
    tags: fn.tags,
    metrics: options.metrics,
    now: options.now,
    signal: options.signal,
  });
  return measured ? { ...observed, measured } : observed;
}

/** Measurement rounds per pass at most (step, background and bake runs can each fall due). */
const ROUNDS = 3;

/** Takes what the step machine asks to measure; `undefined` when nothing was due. */
async function measureDue(
  d: ProgressiveLambda,
  context: {
    readonly aliasDescription: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly metrics: MetricProviders;
    readonly now: number;
    readonly signal: AbortSignal | undefined;
  },
): Promise<RolloutState | undefined> {
  const alias = decodeAliasState(context.aliasDescription);
  if (!alias || alias.stableVersion === null) return undefined;
  let state = recordedRollout(d, alias, context.tags);
  let measured = false;
  const command = decodeCommand(context.tags[TAG_COMMAND]);
  for (let round = 0; round < ROUNDS && state; round++) {
    const decision = decide(
      rolloutInput(d, { state, stableRevision: alias.stableRevision }, {
        command,
        now: context.now,
      }),
    );
    if (decision.kind !== "measure") break;
    const measurements = await measureMetrics(decision.metrics, {
      providers: context.metrics,
      target: { functionName: d.functionName, alias: d.alias },
      versions: { canary: alias.targetVersion, stable: alias.stableVersion },
      now: context.now,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    state = recordRolloutMeasurements(decision, measurements);
    measured = true;
  }
  return measured && state ? state : undefined;
}
