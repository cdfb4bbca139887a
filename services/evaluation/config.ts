/**
 * Evaluation service configuration, from environment variables (read once, at the edge):
 *
 * - `MIN_ACCURACY`, `MAX_ACCURACY_DROP` (fractions 0–1), `MAX_P99_MS` (> 0): verdict
 *   thresholds; unset means that check is not made.
 * - `FEEDBACK_URL`: base URL of the feedback service; recent feedback joins the sample.
 * - `CANARY_ENDPOINT`, `STABLE_ENDPOINT`: inference endpoints for `GET /v1/verdict?target=`.
 * - `ENDPOINT_ALLOWLIST`: comma-separated origins (`https://inference.internal:443`) that
 *   `POST /v1/evaluations` may call; unset: any http(s) URL (set it wherever the service is
 *   reachable by others, or it can be made to call arbitrary internal addresses).
 * - `EVALUATIONS_TABLE`: DynamoDB table for evaluations (`EVALUATIONS_CREATE_TABLE=true` creates
 *   it; `AWS_ENDPOINT_URL_DYNAMODB` overrides the endpoint); unset: kept in process memory.
 * - `LOG_LEVEL`.
 */
import type { Thresholds } from "./verdict.ts";

export interface EvaluationConfig {
  readonly thresholds: Thresholds;
  readonly feedbackUrl?: string;
  /** Verdict targets by name (`canary`, `stable`). */
  readonly targets: Readonly<Record<string, string>>;
  /** Origins requests may name as endpoints; undefined: any. */
  readonly endpointAllowlist?: readonly string[];
  readonly logLevel?: string;
  readonly evaluationsTable?: {
    readonly table: string;
    readonly createTable: boolean;
    readonly endpoint?: string;
  };
}

export function evaluationConfig(
  env: Readonly<Record<string, string | undefined>>,
): EvaluationConfig {
  const minAccuracy = fraction(env, "MIN_ACCURACY");
  const maxAccuracyDrop = fraction(env, "MAX_ACCURACY_DROP");
  const maxP99Ms = positive(env, "MAX_P99_MS");
  const targets: Record<string, string> = {};
  for (
    const [name, variable] of [["canary", "CANARY_ENDPOINT"], [
      "stable",
      "STABLE_ENDPOINT",
    ]] as const
  ) {
    const url = env[variable];
    if (url) targets[name] = httpUrl(url, variable);
  }
  const feedbackUrl = env["FEEDBACK_URL"]
    ? httpUrl(env["FEEDBACK_URL"], "FEEDBACK_URL")
    : undefined;
  const logLevel = env["LOG_LEVEL"] || undefined;
  const table = env["EVALUATIONS_TABLE"] || undefined;
  const create = env["EVALUATIONS_CREATE_TABLE"] ?? "false";
  if (create !== "true" && create !== "false") {
    throw new Error(
      `EVALUATIONS_CREATE_TABLE must be true or false, got ${JSON.stringify(create)}`,
    );
  }
  const dynamoEndpoint = env["AWS_ENDPOINT_URL_DYNAMODB"] || undefined;
  const allowlist = env["ENDPOINT_ALLOWLIST"]
    ? env["ENDPOINT_ALLOWLIST"].split(",").map((o) => o.trim()).filter((o) => o !== "").map((o) =>
      new URL(httpUrl(o, "ENDPOINT_ALLOWLIST")).origin
    )
    : undefined;
  return {
    ...(allowlist ? { endpointAllowlist: allowlist } : {}),
    ...(table
      ? {
        evaluationsTable: {
          table,
          createTable: create === "true",
          ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
        },
      }
      : {}),
    thresholds: {
      ...(minAccuracy !== undefined ? { minAccuracy } : {}),
      ...(maxAccuracyDrop !== undefined ? { maxAccuracyDrop } : {}),
      ...(maxP99Ms !== undefined ? { maxP99Ms } : {}),
    },
    targets,
    ...(feedbackUrl ? { feedbackUrl } : {}),
    ...(logLevel ? { logLevel } : {}),
  };
}

function number(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new Error(`${name} must be a number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function fraction(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): number | undefined {
  const value = number(env, name);
  if (value !== undefined && (value < 0 || value > 1)) {
    throw new Error(`${name} must be a fraction between 0 and 1 (0.9 = 90 %), got ${value}`);
  }
  return value;
}

function positive(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): number | undefined {
  const value = number(env, name);
  if (value !== undefined && value <= 0) {
    throw new Error(`${name} must be greater than 0, got ${value}`);
  }
  return value;
}

/** An http(s) URL without a trailing slash; a clear error otherwise. */
export function httpUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${name} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return raw.replace(/\/+$/, "");
}
