/**
 * The `web` provider: GET a JSON document and read the value at `jsonPath` (the evaluation
 * service's quality verdict uses it). A URL with `{{target}}` or `{{version}}` is requested
 * once per version, so a condition can compare canary with stable; `null` at the path means
 * no data (0 samples, Inconclusive); one document is one sample.
 */
import { getJson } from "./http_json.ts";
import { JsonPathError, selectJsonPath, toNumber } from "./json_path.ts";
import type { Reading } from "./measurement.ts";
import { expand, isPerVersion, windowDuration } from "./placeholders.ts";
import {
  type MetricProvider,
  type MetricQuery,
  type MetricWindow,
  ProviderError,
} from "./provider.ts";

export interface WebProviderOptions {
  /** Values for `{{env.NAME}}` (the controller passes its environment). */
  readonly env?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
}

export function webProvider(options: WebProviderOptions = {}): MetricProvider<"web"> {
  return {
    async measure(query: MetricQuery<"web">, window: MetricWindow, { signal } = {}) {
      const spec = query.spec;
      const read = async (target: "canary" | "stable", version: string) => {
        const url = expand(spec.url, {
          env: options.env ?? {},
          version,
          target,
          function: query.target.functionName,
          alias: query.target.alias,
          window: windowDuration(window),
        });
        const document = await getJson(url, {
          timeoutMs: spec.timeout,
          headers: spec.headers,
          signal,
          fetch: options.fetch,
        });
        try {
          const value = selectJsonPath(document, spec.jsonPath);
          return value === null ? null : toNumber(value, spec.jsonPath);
        } catch (error) {
          if (error instanceof JsonPathError) {
            throw new ProviderError(`GET ${url}: ${error.message}`);
          }
          throw error;
        }
      };
      const canary = await read("canary", query.versions.canary);
      const stableVersion = query.versions.stable;
      const stable = query.wantStable && stableVersion !== null && isPerVersion(spec.url)
        ? await read("stable", stableVersion)
        : undefined;
      const reading: Reading = {
        value: canary ?? 0,
        stableValue: stable ?? undefined,
        samples: canary === null || stable === null ? 0 : 1,
      };
      return reading;
    },
  };
}
