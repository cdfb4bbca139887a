/**
 * Zod building blocks shared by the kinds. Every message given here completes the
 * sentence "expected …"; the reporter appends ", found <value>" (see issues.ts).
 * Refinements that need a whole sentence use {@link fullIssue}.
 */
import { z } from "zod";
import { DURATION_PATTERN, parseDuration } from "./duration.ts";
import { IMAGE_PATTERN, imageProblem } from "./image_ref.ts";

/** The group/version every manifest carries. */
export const API_VERSION = "deploy.mlnews.dev/v1alpha1";

/** Marks a custom issue whose message is already a complete sentence. */
export const FULL_MESSAGE = "fullMessage";

/** Adds a custom issue with a complete message at `path` (relative to the refined value). */
export function fullIssue(
  ctx: z.RefinementCtx,
  message: string,
  options: { readonly at?: readonly PropertyKey[] } = {},
): void {
  const path = [...options.at ?? []];
  ctx.addIssue({ code: "custom", message, path, params: { [FULL_MESSAGE]: true } });
}

/**
 * Options for a refinement that runs even when other fields of the value have problems,
 * so every problem is reported at once. Such a refinement checks the types it reads.
 */
export const ALWAYS = { when: () => true } as const;

/** A plain mapping (not a list), as refinements running {@link ALWAYS} must check. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Marks a custom issue that says nothing new when the same object has an unknown field. */
export const UNLESS_UNKNOWN_FIELD = "unlessUnknownField";

/** A Kubernetes-style object name (DNS label). */
export const resourceName = z.string().max(63, { error: "a name of at most 63 characters" })
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: "a lowercase name of letters, digits and '-' (like ml-news-feedback)",
  });

export const metadata = z.strictObject({
  name: resourceName,
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

export const nonEmptyString = z.string().min(1, { error: "a non-empty string" });

const durationText = z.string().regex(new RegExp(DURATION_PATTERN), {
  error: "a duration like 500ms, 30s, 5m or 1h",
});

/** A duration string (`500ms`, `30s`, `5m`, `1h`), parsed into milliseconds. */
export const duration = durationText.transform((text) => parseDuration(text)).meta({
  description: "A duration: 500ms, 30s, 5m, 1h, or combined like 1h30m.",
});

/** A duration that must be longer than zero, parsed into milliseconds. */
export const positiveDuration = durationText.transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms <= 0) {
    fullIssue(ctx, `expected a duration longer than zero, found ${JSON.stringify(text)}`);
  }
  return ms;
}).meta({
  description: "A duration longer than zero: 500ms, 30s, 5m, 1h, or combined like 1h30m.",
  not: { type: "string", pattern: "^(0+(ms|s|m|h))+$" },
});

export const positiveInt = z.int({ error: "a whole number" }).positive({
  error: "a whole number greater than 0",
});
export const nonNegativeInt = z.int({ error: "a whole number" }).nonnegative({
  error: "a whole number of 0 or more",
});

/** A traffic weight in percent. */
export const weight = z.number().min(0, { error: "a weight from 0 to 100" }).max(100, {
  error: "a weight from 0 to 100",
}).meta({ description: "Percent of traffic, 0 to 100." });

export const rollbackPolicy = z.enum(["auto", "manual"]).default("auto").meta({
  description: "auto: roll back on failed analysis or deadline; manual: stop and wait for a human.",
});

/** Names of AnalysisTemplates to run. */
export const analysisRef = z.strictObject({
  templates: z.array(resourceName).min(1, { error: "at least one template name" }).meta({
    description: "Names of AnalysisTemplates in manifests/.",
  }),
});

/** An ECS container image with an explicit, immutable tag or a digest. */
export const pinnedImage = z.string().superRefine((text, ctx) => {
  const problem = imageProblem(text);
  if (problem !== undefined) fullIssue(ctx, problem);
}).meta({
  pattern: IMAGE_PATTERN,
  description: "Image with an explicit tag other than latest, or a digest (repo@sha256:…).",
});

/** The type of {@link exactlyOne}'s output: one of the shape's keys, set alone. */
export type OneOf<S extends z.ZodRawShape> = {
  [K in keyof S]:
    & { readonly [P in K]: z.output<S[K]> }
    & { readonly [P in Exclude<keyof S, K>]?: never };
}[keyof S];

/**
 * An object holding exactly one of the given keys, like Argo Rollouts' steps
 * (`setWeight` | `pause` | `analysis`). Keeps the YAML shape and types it as a union.
 */
export function exactlyOne<S extends z.ZodRawShape>(shape: S) {
  const keys = Object.keys(shape);
  const optional = Object.fromEntries(keys.map((k) => [k, (shape[k] as z.ZodType).optional()]));
  const list = keys.map((k) => JSON.stringify(k)).join(", ");
  return z.strictObject(optional).superRefine((value: unknown, ctx) => {
    if (!isRecord(value)) return;
    const present = keys.filter((k) => value[k] !== undefined);
    if (present.length === 1) return;
    const found = present.length === 0
      ? "none"
      : present.map((k) => JSON.stringify(k)).join(" and ");
    ctx.addIssue({
      code: "custom",
      message: `expected exactly one of ${list}, found ${found}`,
      params: { [FULL_MESSAGE]: true, [UNLESS_UNKNOWN_FIELD]: true },
    });
  }, ALWAYS).meta({ minProperties: 1, maxProperties: 1 }).transform((value) => value as OneOf<S>);
}
