import assert from "node:assert/strict";
import { evaluationConfig } from "./config.ts";

Deno.test("evaluationConfig() reads thresholds, targets, allowlist and table from the environment", () => {
  const config = evaluationConfig({
    MIN_ACCURACY: "0.88",
    MAX_ACCURACY_DROP: "0.01",
    MAX_P99_MS: "50",
    CANARY_ENDPOINT: "http://127.0.0.1:9001/",
    STABLE_ENDPOINT: "http://127.0.0.1:9000",
    ENDPOINT_ALLOWLIST: "http://127.0.0.1:9000, https://inference.internal/",
    FEEDBACK_URL: "http://127.0.0.1:8081",
    EVALUATIONS_TABLE: "ml-news-evaluations",
    EVALUATIONS_CREATE_TABLE: "true",
  });
  assert.deepEqual(config, {
    endpointAllowlist: ["http://127.0.0.1:9000", "https://inference.internal"],
    evaluationsTable: { table: "ml-news-evaluations", createTable: true },
    thresholds: { minAccuracy: 0.88, maxAccuracyDrop: 0.01, maxP99Ms: 50 },
    targets: { canary: "http://127.0.0.1:9001", stable: "http://127.0.0.1:9000" },
    feedbackUrl: "http://127.0.0.1:8081",
  });
  assert.deepEqual(evaluationConfig({}), { thresholds: {}, targets: {} });
});

Deno.test("evaluationConfig() refuses values that would silently change the verdict", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { MIN_ACCURACY: "90" },
      /MIN_ACCURACY must be a fraction between 0 and 1 \(0.9 = 90 %\), got 90/,
    ],
    [{ MAX_ACCURACY_DROP: "one" }, /MAX_ACCURACY_DROP must be a number, got "one"/],
    [{ MAX_P99_MS: "0" }, /MAX_P99_MS must be greater than 0, got 0/],
    [{ CANARY_ENDPOINT: "inference:8080" }, /CANARY_ENDPOINT must be an http\(s\) URL/],
    [{ ENDPOINT_ALLOWLIST: "ftp://x" }, /ENDPOINT_ALLOWLIST must be an http\(s\) URL/],
    [{ EVALUATIONS_CREATE_TABLE: "yes" }, /EVALUATIONS_CREATE_TABLE must be true or false/],
  ];
  for (const [env, message] of cases) assert.throws(() => evaluationConfig(env), message);
});
