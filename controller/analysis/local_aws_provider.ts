/**
 * The `localAws` provider: per-version Lambda invocation metrics recorded by local AWS (keyed
 * by executed version, as CloudWatch's `ExecutedVersion` dimension), read over HTTP from its
 * admin endpoint `GET /_localaws/invocations`, so it works whether local AWS runs in-process
 * or as `deno task local-aws`. One request measures canary and stable.
 */
import { getJson } from "./http_json.ts";
import type { Reading } from "./measurement.ts";
import {
  type MetricProvider,
  type MetricQuery,
  type MetricWindow,
  ProviderError,
} from "./provider.ts";

export interface LocalAwsProviderOptions {
  /** Local AWS endpoint, e.g. `http://127.0.0.1:43123`. */
  readonly endpoint: string;
  /** The environment's account (local AWS keeps one per access key id). */
  readonly accountId: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** Shape of local AWS's `VersionInvocationMetrics`. */
interface VersionMetrics {
  readonly executedVersion: string;
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  readonly durationsMs: readonly number[];
  /** Invocations through a function URL, and those answered 5xx (a handler's HTTP 500 too). */
  readonly urlRequests?: number;
  readonly url5xx?: number;
}

export type LocalAwsMetric = MetricQuery<"localAws">["spec"]["metric"];

export function localAwsProvider(options: LocalAwsProviderOptions): MetricProvider<"localAws"> {
  return {
    async measure(query: MetricQuery<"localAws">, window: MetricWindow, { signal } = {}) {
      const functionName = query.target.functionName;
      if (!functionName) throw new ProviderError("localAws metrics need a Lambda function name");
      const url = new URL("/_localaws/invocations", options.endpoint);
      url.searchParams.set("account", options.accountId);
      url.searchParams.set("function", functionName);
      url.searchParams.set("since", String(window.start));
      url.searchParams.set("until", String(window.end));
      const body = await getJson(url.toString(), {
        timeoutMs: options.timeoutMs ?? 5_000,
        signal,
        fetch: options.fetch,
      }) as { metrics?: VersionMetrics[] };
      if (!Array.isArray(body.metrics)) {
        throw new ProviderError(
          `GET ${url}: expected {metrics: [...]}, found ${JSON.stringify(body).slice(0, 80)}`,
        );
      }
      const of = (version: string) => body.metrics!.find((m) => m.executedVersion === version);
      const canary = versionValue(query.spec.metric, of(query.versions.canary));
      const stableVersion = query.versions.stable;
      const stable = query.wantStable && stableVersion !== null
        ? versionValue(query.spec.metric, of(stableVersion))
        : undefined;
      const reading: Reading = {
        value: canary.value,
        // A stable version without data has no value: the comparison is Inconclusive.
        stableValue: stable && stable.samples > 0 ? stable.value : undefined,
        samples: canary.samples,
      };
      return reading;
    },
  };
}

/** One version's value of `metric` and the observations behind it. */
export function versionValue(
  metric: LocalAwsMetric,
  m: VersionMetrics | undefined,
): { value: number; samples: number } {
  const invocations = m?.invocations ?? 0;
  const durations = m?.durationsMs ?? [];
  switch (metric) {
    case "invocations":
      return { value: invocations, samples: invocations };
    case "errors":
      return { value: m?.errors ?? 0, samples: invocations };
    case "errorRate":
      return {
        value: invocations === 0 ? 0 : (m?.errors ?? 0) / invocations,
        samples: invocations,
      };
    case "httpErrorRate": {
      // Function URL requests answered 5xx (CloudWatch: Url5xxCount / UrlRequestCount): a
      // broken HTTP handler answers 500 without any Lambda error.
      const requests = m?.urlRequests ?? 0;
      return { value: requests === 0 ? 0 : (m?.url5xx ?? 0) / requests, samples: requests };
    }
    case "throttles":
      return { value: m?.throttles ?? 0, samples: invocations + (m?.throttles ?? 0) };
    case "durationP50":
      return { value: percentile(durations, 50), samples: durations.length };
    case "durationP90":
      return { value: percentile(durations, 90), samples: durations.length };
    case "durationP99":
      return { value: percentile(durations, 99), samples: durations.length };
  }
}

/** Nearest-rank percentile of ascending values (0 for none). */
export function percentile(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) return 0;
  const rank = Math.ceil((p / 100) * ascending.length);
  return ascending[Math.min(ascending.length, Math.max(1, rank)) - 1]!;
}
