/**
 * The `cloudWatch` provider: a metric statistic over the window through `GetMetricData`, for
 * real accounts — e.g. `AWS/Lambda` `Errors` `Average` (the error rate: Lambda emits 0 or 1
 * per invocation) with dimensions `FunctionName`, `Resource: {{function}}:{{alias}}` and
 * `ExecutedVersion: {{version}}`. The statistic's `SampleCount` is the sample size, so an
 * idle canary is Inconclusive. Dimensions with `{{version}}` are queried for stable as well.
 *
 * The period is the window rounded up to whole minutes (at least the template's `period`), so
 * one datapoint covers the window; should CloudWatch split it anyway, datapoints are combined
 * (Sum/SampleCount added, Average weighted by samples, Minimum/Maximum kept, others: the
 * datapoint with most samples).
 */
import type { Reading } from "./measurement.ts";
import { expand, isPerVersion, type PlaceholderValues } from "./placeholders.ts";
import type { MetricProvider, MetricQuery, MetricWindow } from "./provider.ts";

/** One statistic of one metric, as `GetMetricData`'s `MetricStat`. */
export interface MetricStatQuery {
  /** Query id: starts with a lowercase letter; letters, digits, `_`. */
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  readonly periodSeconds: number;
}

/** The datapoints of one query, oldest first. */
export interface MetricSeries {
  readonly id: string;
  /** Epoch ms of each datapoint's period start. */
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

/** The narrow CloudWatch port (`controller/aws/cloudwatch_metrics.ts` implements it). */
export interface CloudWatchMetricsPort {
  getMetricData(
    queries: readonly MetricStatQuery[],
    window: MetricWindow,
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<MetricSeries[]>;
}

export interface CloudWatchProviderOptions {
  readonly env?: Readonly<Record<string, string>>;
}

export function cloudWatchProvider(
  port: CloudWatchMetricsPort,
  options: CloudWatchProviderOptions = {},
): MetricProvider<"cloudWatch"> {
  return {
    async measure(query: MetricQuery<"cloudWatch">, window: MetricWindow, { signal } = {}) {
      const spec = query.spec;
      const windowSeconds = Math.ceil((window.end - window.start) / 60_000) * 60;
      const periodSeconds = Math.max(Math.ceil(spec.period / 1000), windowSeconds, 60);
      const values = (target: "canary" | "stable", version: string): PlaceholderValues => ({
        env: options.env ?? {},
        version,
        target,
        function: query.target.functionName,
        alias: query.target.alias,
      });
      const statQueries = (prefix: string, placeholders: PlaceholderValues): MetricStatQuery[] => {
        const dimensions = Object.fromEntries(
          Object.entries(spec.dimensions).map(([k, v]) => [k, expand(v, placeholders)]),
        );
        const base = {
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions,
          periodSeconds,
        };
        return [
          { ...base, id: `${prefix}_value`, stat: spec.stat },
          { ...base, id: `${prefix}_samples`, stat: "SampleCount" },
        ];
      };
      const stable = query.versions.stable;
      const perVersion = Object.values(spec.dimensions).some(isPerVersion);
      const wantStable = query.wantStable && stable !== null && perVersion;
      const queries = [
        ...statQueries("canary", values("canary", query.versions.canary)),
        ...(wantStable ? statQueries("stable", values("stable", stable)) : []),
      ];
      const series = new Map(
        (await port.getMetricData(queries, window, { signal })).map((s) => [s.id, s]),
      );
      const read = (prefix: string) => {
        const samples = series.get(`${prefix}_samples`)?.values ?? [];
        const value = combine(spec.stat, {
          values: series.get(`${prefix}_value`)?.values ?? [],
          samples: samples,
        });
        return { value, samples: samples.reduce((a, b) => a + b, 0) };
      };
      const canary = read("canary");
      const stableRead = wantStable ? read("stable") : undefined;
      const reading: Reading = {
        value: canary.value ?? 0,
        stableValue: stableRead && stableRead.samples > 0 ? stableRead.value : undefined,
        samples: canary.value === undefined ? 0 : canary.samples,
      };
      return reading;
    },
  };
}

/** One value for the window from per-period datapoints (`undefined`: no datapoints). */
export function combine(
  stat: string,
  { values, samples }: { readonly values: readonly number[]; readonly samples: readonly number[] },
): number | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  switch (stat) {
    case "Sum":
    case "SampleCount":
      return values.reduce((a, b) => a + b, 0);
    case "Minimum":
      return Math.min(...values);
    case "Maximum":
      return Math.max(...values);
    case "Average": {
      const total = samples.reduce((a, b) => a + b, 0);
      if (total === 0 || samples.length !== values.length) {
        return values.reduce((a, b) => a + b, 0) / values.length;
      }
      return values.reduce((sum, v, i) => sum + v * samples[i]!, 0) / total;
    }
    default: {
      let best = 0;
      samples.forEach((n, i) => {
        if (n > (samples[best] ?? 0)) best = i;
      });
      return values[best];
    }
  }
}
