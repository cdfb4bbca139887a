/**
 * The `prometheus` provider: an instant query (`GET /api/v1/query`) at the window's end. The
 * query must return one number: a scalar or a one-series vector (aggregate with `sum(...)`
 * otherwise). An empty vector or `NaN` is no data (0 samples: Inconclusive). A query with
 * `{{version}}` or `{{target}}` runs once per version to measure stable too; `{{window}}`
 * expands to the window length (`rate(x[{{window}}])`).
 */
import { getJson } from "./http_json.ts";
import { expand, isPerVersion, windowDuration } from "./placeholders.ts";
import {
  type MetricProvider,
  type MetricQuery,
  type MetricWindow,
  ProviderError,
} from "./provider.ts";

export interface PrometheusProviderOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
  /** Per query; default 10 s. */
  readonly timeoutMs?: number;
}

interface ApiResponse {
  readonly status?: string;
  readonly error?: string;
  readonly errorType?: string;
  readonly data?: { readonly resultType?: string; readonly result?: unknown };
}

export function prometheusProvider(
  options: PrometheusProviderOptions = {},
): MetricProvider<"prometheus"> {
  return {
    async measure(query: MetricQuery<"prometheus">, window: MetricWindow, { signal } = {}) {
      const { address, query: promql } = query.spec;
      const run = async (target: "canary" | "stable", version: string) => {
        const values = {
          env: options.env ?? {},
          version,
          target,
          function: query.target.functionName,
          alias: query.target.alias,
          window: windowDuration(window),
        };
        const url = new URL("api/v1/query", expand(address, values).replace(/\/?$/, "/"));
        const expanded = expand(promql, values);
        url.searchParams.set("query", expanded);
        url.searchParams.set("time", (window.end / 1000).toFixed(3));
        const body = await getJson(url.toString(), {
          timeoutMs: options.timeoutMs ?? 10_000,
          signal,
          fetch: options.fetch,
          acceptStatus: [400, 422, 503],
        }) as ApiResponse;
        if (body.status !== "success") {
          throw new ProviderError(
            `prometheus query ${JSON.stringify(expanded)}: ${body.errorType ?? "error"}: ${
              body.error ?? "no error message"
            }`,
          );
        }
        return single(body.data, expanded);
      };
      const canary = await run("canary", query.versions.canary);
      const stableVersion = query.versions.stable;
      const stable = query.wantStable && stableVersion !== null && isPerVersion(promql)
        ? await run("stable", stableVersion)
        : undefined;
      return {
        value: canary ?? 0,
        stableValue: stable ?? undefined,
        samples: canary === null || stable === null ? 0 : 1,
      };
    },
  };
}

/** The one number of a result; `null` for no data. */
function single(data: ApiResponse["data"], promql: string): number | null {
  const sample = (pair: unknown) => {
    const text = Array.isArray(pair) ? pair[1] : undefined;
    if (typeof text !== "string") {
      throw new ProviderError(`prometheus query ${JSON.stringify(promql)}: malformed sample`);
    }
    const value = Number(text);
    return Number.isNaN(value) ? null : value;
  };
  if (data?.resultType === "scalar") return sample(data.result);
  if (data?.resultType === "vector" && Array.isArray(data.result)) {
    if (data.result.length === 0) return null;
    if (data.result.length > 1) {
      throw new ProviderError(
        `prometheus query ${
          JSON.stringify(promql)
        } returned ${data.result.length} series; aggregate it to one (e.g. sum(...))`,
      );
    }
    return sample((data.result[0] as { value?: unknown }).value);
  }
  throw new ProviderError(
    `prometheus query ${
      JSON.stringify(promql)
    }: expected a scalar or vector result, found ${data?.resultType}`,
  );
}
