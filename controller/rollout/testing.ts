/**
 * Test harness for the step machine: a controller loop over a simulated alias, with the
 * state persisted in its encoded form and optional crashes, on an injected clock.
 */
import { parse } from "yaml";
import { judge, type Reading } from "../analysis/measurement.ts";
import type { AnalysisTemplate } from "../analysis/template.ts";
import { repoTemplate } from "../analysis/testing.ts";
import { lambdaReleaseSchema } from "../manifest/lambda_release.ts";
import type { ManualCommand } from "./command.ts";
import { decide, type Decision } from "./machine.ts";
import { recordRolloutMeasurements } from "./record.ts";
import type { RolloutState } from "./state.ts";
import {
  decodeRolloutState,
  encodeRolloutState,
  fieldsToText,
  textToFields,
} from "./state_codec.ts";
import { lambdaStrategy, type RolloutStrategy } from "./steps.ts";

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
export const OLD = "a".repeat(64);
export const NEW = "b".repeat(64);

/** The strategy of a LambdaRelease given as YAML `spec:` fields. */
export function strategyFromSpec(spec: Record<string, unknown>): RolloutStrategy {
  const release = lambdaReleaseSchema.parse({
    apiVersion: "deploy.mlnews.dev/v1alpha1",
    kind: "LambdaRelease",
    metadata: { name: "feedback" },
    spec: { function: "ml-news-feedback", revision: `sha256:${NEW}`, ...spec },
  });
  return lambdaStrategy(release);
}

/** The strategy of a release file of the repository (`releases/<env>/<name>.yaml`). */
export async function repoStrategy(path: string): Promise<RolloutStrategy> {
  const url = new URL(`../../releases/${path}.yaml`, import.meta.url);
  return lambdaStrategy(lambdaReleaseSchema.parse(parse(await Deno.readTextFile(url))));
}

export async function repoTemplates(): Promise<Map<string, AnalysisTemplate>> {
  const names = ["lambda-error-rate", "inference-quality"];
  return new Map(await Promise.all(names.map(async (n) => [n, await repoTemplate(n)] as const)));
}

export interface World {
  /** Percent of traffic on NEW as last written to the alias. */
  weight: number;
  primary: string;
  /** The persisted state text (what AWS holds). */
  persisted: string | null;
  now: number;
  /** Every alias write, in order: `setWeight 10`, `promote`, `rollback`. */
  writes: string[];
  decisions: Decision[];
  measurements: number;
}

export interface Scenario {
  readonly strategy: RolloutStrategy;
  readonly templates: ReadonlyMap<string, AnalysisTemplate>;
  /** The provider: canary and stable readings for a metric at a time, given the alias primary. */
  readonly read: (metricKey: string, now: number, primary: string) => Reading | string;
  /** Commands by the time they are issued. */
  readonly commands?: readonly ManualCommand[];
  /** `atomic`: state is written with the alias (Lambda description); else separately after it. */
  readonly persistence?: "atomic" | "separate";
  /** Crash (lose in-memory state, reload from `persisted`) before this many loop iterations. */
  readonly crashAt?: (iteration: number) => "none" | "before-effect" | "before-persist";
  readonly revision?: string;
  readonly stableRevision?: string | null;
}

/** Runs the controller loop until the machine is done, quarantined or waiting for a human. */
export function simulate(scenario: Scenario, world?: Partial<World>, maxIterations = 2_000): World {
  const w: World = {
    weight: 0,
    primary: OLD,
    persisted: null,
    now: T0,
    writes: [],
    decisions: [],
    measurements: 0,
    ...world,
  };
  const context = { strategy: scenario.strategy, templates: scenario.templates };
  const load = (): RolloutState | null =>
    w.persisted === null ? null : decodeRolloutState(textToFields(w.persisted), context);
  const save = (state: RolloutState) => {
    w.persisted = fieldsToText(encodeRolloutState(state, context));
  };
  for (let i = 0; i < maxIterations; i++) {
    const crash = scenario.crashAt?.(i) ?? "none";
    const command = [...(scenario.commands ?? [])].reverse().find((c) => c.at <= w.now);
    const revision = scenario.revision ?? NEW;
    const decision = decide({
      revision,
      stableRevision: scenario.stableRevision === undefined ? w.primary : scenario.stableRevision,
      observedWeight: scenario.persistence === "separate" ? w.weight : undefined,
      strategy: scenario.strategy,
      templates: scenario.templates,
      state: load(),
      command,
      now: w.now,
    });
    w.decisions.push(decision);
    if (crash === "before-effect") {
      w.now += 5 * SECOND;
      continue;
    }
    const write = (label: string, weight: number, primary = w.primary) => {
      w.writes.push(label);
      w.weight = weight;
      w.primary = primary;
      if (scenario.persistence !== "separate") save(decision.state);
    };
    switch (decision.kind) {
      case "setWeight":
        write(`setWeight ${decision.weight}`, decision.weight);
        break;
      case "promote":
        write("promote", 100, revision);
        break;
      case "rollback":
        write("rollback", 0, decision.state.phase === "Baking" ? w.primary : OLD);
        break;
      case "measure": {
        // As measureMetrics does: the bake's baseline stands in for a stable without data.
        const measured = decision.metrics.map(({ metric, stableFallback }) => {
          const read = scenario.read(metric.key, w.now, w.primary);
          const outcome = typeof read === "string"
            ? { error: read }
            : { reading: { ...read, stableValue: read.stableValue ?? stableFallback } };
          return judge(metric, outcome, { at: w.now });
        });
        w.measurements += measured.length;
        if (crash === "before-persist") {
          w.now += 5 * SECOND;
          continue;
        }
        save(recordRolloutMeasurements(decision, measured));
        w.now += 100;
        continue;
      }
      case "wait":
        if (encodeIfChanged(decision.state, w, context)) save(decision.state);
        w.now = decision.until;
        continue;
      default:
        if (encodeIfChanged(decision.state, w, context)) save(decision.state);
        return w;
    }
    if (crash === "before-persist") {
      w.now += 5 * SECOND;
      continue;
    }
    if (scenario.persistence === "separate") save(decision.state);
    w.now += 100;
  }
  throw new Error(`no end after ${maxIterations} iterations: ${w.writes.join(", ")}`);
}

function encodeIfChanged(
  state: RolloutState,
  w: World,
  context: Parameters<typeof encodeRolloutState>[1],
): boolean {
  return fieldsToText(encodeRolloutState(state, context)) !== w.persisted;
}

export const healthy = (key: string): Reading =>
  key.endsWith("p99-duration")
    ? { value: 420, samples: 200 }
    : { value: 0.01, stableValue: 0.01, samples: 200 };

export const last = <T>(list: readonly T[]): T => list[list.length - 1]!;
