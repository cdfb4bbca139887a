/**
 * The metric provider port: one `measure` per provider kind (`localAws`, `cloudWatch`, `web`,
 * `prometheus`), each reading the canary's value (and the stable version's, when a condition
 * compares with it) over one window. Failures are `ProviderError`s with a message a person can
 * act on; they become Error measurements, never a pass.
 */
import type { Reading } from "./measurement.ts";
import type { ProviderSpec } from "./template.ts";

/** The measurement window, epoch ms: `[start, end)`. */
export interface MetricWindow {
  readonly start: number;
  readonly end: number;
}

/** What is being rolled out, as the provider's data names it. */
export interface MetricTarget {
  /** Lambda function name (localAws, cloudWatch `{{function}}`). */
  readonly functionName?: string | undefined;
  /** Lambda alias (cloudWatch `Resource` = `function:alias`). */
  readonly alias?: string | undefined;
  /** ECS cluster / service, for ECS releases. */
  readonly cluster?: string | undefined;
  readonly service?: string | undefined;
}

/** Version identifiers as the data keys them (Lambda `ExecutedVersion`, ECS task revision). */
export interface Versions {
  readonly canary: string;
  /** `null` when nothing to compare with (first deployment). */
  readonly stable: string | null;
}

export type ProviderKind = "localAws" | "cloudWatch" | "web" | "prometheus";
type SpecOf<K extends ProviderKind> = Extract<ProviderSpec, { readonly [P in K]: unknown }>[K];

export interface MetricQuery<K extends ProviderKind = ProviderKind> {
  readonly spec: SpecOf<K>;
  readonly target: MetricTarget;
  readonly versions: Versions;
  /** Measure the stable version too (a condition reads `stable`). */
  readonly wantStable: boolean;
}

export interface MetricProvider<K extends ProviderKind = ProviderKind> {
  measure(
    query: MetricQuery<K>,
    window: MetricWindow,
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<Reading>;
}

export type MetricProviders = { readonly [K in ProviderKind]?: MetricProvider<K> };

export class ProviderError extends Error {
  override readonly name = "ProviderError";
}

/** The provider kind a spec names (exactly one key, validated by the manifest module). */
export function providerKind(spec: ProviderSpec): ProviderKind {
  const kind = Object.keys(spec)[0];
  if (kind === "localAws" || kind === "cloudWatch" || kind === "web" || kind === "prometheus") {
    return kind;
  }
  throw new ProviderError(`unknown metric provider ${JSON.stringify(kind)}`);
}
