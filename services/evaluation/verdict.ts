/**
 * The quality verdict: an evaluation against thresholds (from `MIN_ACCURACY`,
 * `MAX_ACCURACY_DROP`, `MAX_P99_MS`). Each configured threshold is one check; a check without
 * data fails (no data is never a pass); any request error fails the run.
 */
import type { EndpointResult } from "./run_sample.ts";

export interface Thresholds {
  /** Accuracy at least this (0–1). */
  readonly minAccuracy?: number;
  /** Baseline accuracy minus this endpoint's accuracy at most this (0–1). */
  readonly maxAccuracyDrop?: number;
  /** p99 latency at most this many milliseconds. */
  readonly maxP99Ms?: number;
}

export interface Check {
  readonly name: "errors" | "modelVersion" | "minAccuracy" | "maxAccuracyDrop" | "maxP99Ms";
  readonly passed: boolean;
  readonly value: number | string | null;
  readonly limit: number | string;
}

export interface Verdict {
  readonly verdict: "pass" | "fail";
  readonly checks: readonly Check[];
  /** Baseline accuracy minus accuracy, when there is a baseline. */
  readonly accuracyDrop: number | null;
}

export interface VerdictInput {
  readonly result: EndpointResult;
  readonly baseline?: EndpointResult;
  /** The model version the caller expects the endpoint to serve. */
  readonly modelVersion?: string;
}

export function judge(input: VerdictInput, thresholds: Thresholds): Verdict {
  const { result, baseline } = input;
  const checks: Check[] = [];
  const errors = result.errors + (baseline?.errors ?? 0);
  checks.push({ name: "errors", passed: errors === 0, value: errors, limit: 0 });
  if (input.modelVersion !== undefined) {
    const versions = Object.keys(result.servedVersions);
    const only = versions.length === 1
      ? versions[0]!
      : versions.length === 0
      ? null
      : versions.join(",");
    checks.push({
      name: "modelVersion",
      passed: only === input.modelVersion,
      value: only,
      limit: input.modelVersion,
    });
  }
  if (thresholds.minAccuracy !== undefined) {
    checks.push({
      name: "minAccuracy",
      passed: result.accuracy !== null && result.accuracy >= thresholds.minAccuracy,
      value: result.accuracy,
      limit: thresholds.minAccuracy,
    });
  }
  const accuracyDrop = baseline && baseline.accuracy !== null && result.accuracy !== null
    ? Math.round((baseline.accuracy - result.accuracy) * 1e6) / 1e6
    : null;
  if (baseline && thresholds.maxAccuracyDrop !== undefined) {
    checks.push({
      name: "maxAccuracyDrop",
      passed: accuracyDrop !== null && accuracyDrop <= thresholds.maxAccuracyDrop,
      value: accuracyDrop,
      limit: thresholds.maxAccuracyDrop,
    });
  }
  if (thresholds.maxP99Ms !== undefined) {
    const p99 = result.latencyMs?.p99 ?? null;
    checks.push({
      name: "maxP99Ms",
      passed: p99 !== null && p99 <= thresholds.maxP99Ms,
      value: p99,
      limit: thresholds.maxP99Ms,
    });
  }
  return { verdict: checks.every((c) => c.passed) ? "pass" : "fail", checks, accuracyDrop };
}
