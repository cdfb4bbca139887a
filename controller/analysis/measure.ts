/**
 * Takes the measurements a `measure` decision asks for: each due metric through its provider,
 * in parallel, judged into a `Measurement`. Never throws: a provider failure (or a missing
 * provider) is an Error measurement with the reason, which counts toward
 * `consecutiveErrorLimit` and never passes.
 */
import { judge, type Measurement } from "./measurement.ts";
import {
  type MetricProvider,
  type MetricProviders,
  type MetricTarget,
  providerKind,
  type Versions,
} from "./provider.ts";
import { type AnalysisMetric, needsStable } from "./template.ts";

export interface DueMeasurement {
  readonly metric: AnalysisMetric;
  /** Start of the window to measure (the previous measurement, or the run's start). */
  readonly since: number;
  /**
   * The stable value to compare with when the provider has none (post-promotion bake: the
   * stable version's last value from the canary's analysis, as it gets no traffic any more).
   */
  readonly stableFallback?: number | undefined;
}

export interface MeasureContext {
  readonly providers: MetricProviders;
  readonly target: MetricTarget;
  readonly versions: Versions;
  /** Epoch ms: the window's end and the measurements' time. */
  readonly now: number;
  readonly signal?: AbortSignal;
}

export function measureMetrics(
  due: readonly DueMeasurement[],
  context: MeasureContext,
): Promise<Measurement[]> {
  return Promise.all(due.map(async ({ metric, since, stableFallback }) => {
    try {
      const kind = providerKind(metric.provider);
      const provider = context.providers[kind] as MetricProvider | undefined;
      if (!provider) throw new Error(`no ${kind} metric provider is configured for this target`);
      const reading = await provider.measure(
        {
          spec: (metric.provider as Record<string, unknown>)[kind] as never,
          target: context.target,
          versions: context.versions,
          wantStable: needsStable(metric),
        },
        { start: Math.min(since, context.now), end: context.now },
        { signal: context.signal },
      );
      const stableValue = reading.stableValue ?? stableFallback;
      return judge(metric, { reading: { ...reading, stableValue } }, { at: context.now });
    } catch (error) {
      return judge(metric, { error: (error as Error).message }, { at: context.now });
    }
  }));
}
