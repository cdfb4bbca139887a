/**
 * `EcsRelease`: which image an ECS service runs and how ECS's own deployment
 * strategies (rolling, canary, linear, blue/green) move to it.
 */
import { z } from "zod";
import {
  analysisRef,
  API_VERSION,
  duration,
  exactlyOne,
  metadata,
  pinnedImage,
  positiveDuration,
  rollbackPolicy,
} from "./fields.ts";

const percent = (min: number, max: number) =>
  z.number().min(min, { error: `a percentage from ${min} to ${max}` }).max(max, {
    error: `a percentage from ${min} to ${max}`,
  });

/** Bake times are ECS's `*BakeTimeInMinutes` (0 to 1440 minutes). */
const bakeTime = duration.refine((ms) => ms <= 1440 * 60_000, {
  error: "a bake time of at most 24h",
});

export const ecsStrategySchema = exactlyOne({
  rolling: z.strictObject({}),
  canary: z.strictObject({
    canaryPercent: percent(0.1, 100),
    bakeTime,
    analysis: analysisRef.optional(),
  }),
  linear: z.strictObject({
    stepPercent: percent(3, 100),
    stepBakeTime: bakeTime,
    bakeTime,
    analysis: analysisRef.optional(),
  }),
  blueGreen: z.strictObject({ bakeTime, analysis: analysisRef.optional() }),
});

export const ecsReleaseSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("EcsRelease"),
  metadata,
  spec: z.strictObject({
    /** An `EcsService` name from `manifests/`. */
    service: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "an EcsService name" }),
    /** Image with an explicit tag (not `latest`) or digest; its repository names the container. */
    image: pinnedImage,
    strategy: ecsStrategySchema.default({ rolling: {} }),
    postPromotionAnalysis: analysisRef.extend({ duration: positiveDuration }).optional(),
    progressDeadline: positiveDuration.default(1_200_000).meta({
      description: "Abort (and roll back) a deployment making no progress for this long.",
    }),
    rollbackPolicy,
  }),
}).meta({ title: "EcsRelease", description: "What an ECS service runs and how it gets there." });
