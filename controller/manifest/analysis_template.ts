/**
 * `AnalysisTemplate`: metrics measured during a rollout and their pass/fail conditions,
 * in Argo Rollouts' vocabulary. Conditions are only checked to be non-empty here; their
 * expression language belongs to the progressive-delivery engine.
 */
import { z } from "zod";
import {
  ALWAYS,
  API_VERSION,
  duration,
  exactlyOne,
  fullIssue,
  isRecord,
  metadata,
  nonEmptyString,
  nonNegativeInt,
  positiveDuration,
  positiveInt,
  resourceName,
} from "./fields.ts";

const url = z.string().regex(/^(https?:\/\/|\{\{)/, {
  error: "an http(s) URL (or one starting with a {{placeholder}})",
});

const provider = exactlyOne({
  /** Per-version metrics of local AWS (keyed by executed version, like CloudWatch). */
  localAws: z.strictObject({
    metric: z.enum([
      "invocations",
      "errors",
      "errorRate",
      "httpErrorRate",
      "throttles",
      "durationP50",
      "durationP90",
      "durationP99",
    ]),
  }),
  cloudWatch: z.strictObject({
    namespace: nonEmptyString,
    metricName: nonEmptyString,
    stat: nonEmptyString,
    dimensions: z.record(z.string(), z.string()).default({}),
    period: positiveDuration.default(60_000),
  }),
  web: z.strictObject({
    url,
    jsonPath: z.string().regex(/^\$/, { error: "a JSON path starting with $" }),
    headers: z.record(z.string(), z.string()).default({}),
    timeout: positiveDuration.default(10_000),
  }),
  prometheus: z.strictObject({ address: url, query: nonEmptyString }),
});

const metric = z.strictObject({
  name: resourceName,
  provider,
  interval: positiveDuration,
  /** Number of measurements; unset: measure until the analysis ends. */
  count: positiveInt.optional(),
  initialDelay: duration.default(0),
  /** Fewer samples than this in a measurement make it Inconclusive, never a pass. */
  minSamples: positiveInt.default(1),
  successCondition: nonEmptyString.optional(),
  failureCondition: nonEmptyString.optional(),
  failureLimit: nonNegativeInt.default(0),
  inconclusiveLimit: nonNegativeInt.default(0),
  consecutiveErrorLimit: nonNegativeInt.default(4),
  /** Measured and reported, never decides. */
  dryRun: z.boolean().default(false),
}).superRefine((m: unknown, ctx) => {
  if (isRecord(m) && m["successCondition"] === undefined && m["failureCondition"] === undefined) {
    fullIssue(ctx, "expected a successCondition or a failureCondition, found neither");
  }
}, ALWAYS);

export const analysisTemplateSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("AnalysisTemplate"),
  metadata,
  spec: z.strictObject({
    metrics: z.array(metric).min(1, { error: "at least one metric" }),
  }).superRefine((spec, ctx) => {
    const names = spec.metrics.map((m) => m.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        fullIssue(ctx, `duplicate metric name ${JSON.stringify(name)}`, {
          at: ["metrics", i, "name"],
        });
      }
    });
  }),
}).meta({ title: "AnalysisTemplate", description: "Metrics that judge a rollout." });
