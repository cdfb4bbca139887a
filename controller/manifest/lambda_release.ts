/**
 * `LambdaRelease`: which code revision a Lambda alias serves and how traffic moves to it.
 * Either a progressive `strategy` (Argo Rollouts canary steps or a CodeDeploy-style
 * preset) or explicit `traffic` weights; never both.
 */
import { z } from "zod";
import {
  ALWAYS,
  analysisRef,
  API_VERSION,
  duration,
  exactlyOne,
  fullIssue,
  isRecord,
  metadata,
  nonNegativeInt,
  positiveDuration,
  rollbackPolicy,
  weight,
} from "./fields.ts";

/** Presets named after AWS CodeDeploy's Lambda deployment configurations. */
export const PRESETS = [
  "AllAtOnce",
  "Canary10Percent5Minutes",
  "Canary10Percent10Minutes",
  "Linear10PercentEvery1Minute",
  "Linear10PercentEvery3Minutes",
] as const;

const revision = z.string().regex(/^sha256:[a-f0-9]{64}$/, {
  error: "a code digest like sha256:<64 hex digits>",
}).meta({ description: "sha256 of the function's ZIP from `deno task package`." });

export const canaryStepSchema = exactlyOne({
  setWeight: weight,
  /** No duration: paused until someone runs `rollout promote`. */
  pause: z.strictObject({ duration: duration.optional() }),
  analysis: analysisRef,
});

const canary = z.strictObject({
  steps: z.array(canaryStepSchema).min(1, { error: "at least one step" }),
  /** Background analysis, running from `startingStep` (index into steps) to promotion. */
  analysis: analysisRef.extend({ startingStep: nonNegativeInt.default(0) }).optional(),
}).superRefine((c, ctx) => {
  const start = c.analysis?.startingStep ?? 0;
  if (start >= c.steps.length) {
    fullIssue(
      ctx,
      `expected a step index from 0 to ${c.steps.length - 1}, found ${start}`,
      { at: ["analysis", "startingStep"] },
    );
  }
});

const traffic = z.array(z.strictObject({ revision, weight }))
  .min(1, { error: "at least one revision" })
  .refine((entries) => !Array.isArray(entries) || entries.length <= 2, {
    when: () => true,
    error: "at most 2 revisions (a Lambda alias routes to at most two versions)",
  })
  .meta({ maxItems: 2 })
  .superRefine((entries: unknown, ctx) => {
    if (!Array.isArray(entries)) return;
    const weights = entries.map((e: unknown) => isRecord(e) ? e["weight"] : undefined);
    if (!weights.every((w) => typeof w === "number")) return;
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (Math.abs(total - 100) > 1e-9) {
      const terms = weights.join(" + ");
      fullIssue(ctx, `expected weights summing to 100, found ${total} (${terms})`);
    }
    const revisions = entries.map((e: unknown) => isRecord(e) ? e["revision"] : undefined);
    if (revisions.length === 2 && revisions[0] === revisions[1]) {
      fullIssue(ctx, "expected two different revisions, found the same one twice", {
        at: [1, "revision"],
      });
    }
  }, ALWAYS);

export const lambdaReleaseSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("LambdaRelease"),
  metadata,
  spec: z.strictObject({
    /** A `LambdaFunction` name from `manifests/`. */
    function: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "a Lambda function name" }),
    alias: z.string().regex(/^(?![0-9]+$)[A-Za-z0-9_-]{1,128}$/, {
      error: "an alias name of letters, digits, '-' or '_' (not only digits)",
    }).default("live"),
    /** The artifact to roll out: sha256 of the ZIP from `deno task package`. */
    revision,
    strategy: exactlyOne({ canary, preset: z.enum(PRESETS) }).optional().meta({
      description: "canary steps (setWeight, pause, analysis) or a CodeDeploy-style preset.",
    }),
    /** Explicit weights: the alias is set to exactly this in one write. */
    traffic: traffic.optional().meta({
      description: "Explicit weights of at most two revisions, summing to 100 (not with strategy).",
    }),
    postPromotionAnalysis: analysisRef.extend({ duration: positiveDuration }).optional(),
    progressDeadline: positiveDuration.default(600_000).meta({
      description: "Abort (and roll back) a rollout making no progress for this long.",
    }),
    rollbackPolicy,
  }).superRefine((spec: unknown, ctx) => {
    if (!isRecord(spec)) return;
    if (spec["strategy"] !== undefined && spec["traffic"] !== undefined) {
      fullIssue(ctx, "expected either strategy or traffic, found both", { at: ["traffic"] });
    }
    const traffic = spec["traffic"];
    const revisions = Array.isArray(traffic)
      ? traffic.map((t: unknown) => isRecord(t) ? t["revision"] : undefined)
      : [];
    if (
      typeof spec["revision"] === "string" && revisions.length > 0 &&
      revisions.every((r) => typeof r === "string") && !revisions.includes(spec["revision"])
    ) {
      fullIssue(
        ctx,
        "expected the revision to be one of the traffic revisions, found it in none",
        { at: ["revision"] },
      );
    }
  }, ALWAYS).meta({
    not: { properties: { strategy: true, traffic: true }, required: ["strategy", "traffic"] },
  }),
}).meta({
  title: "LambdaRelease",
  description: "What a Lambda alias serves and how it gets there.",
});
