/**
 * The six kinds: one zod definition each, from which the typed objects, the validator
 * and the published JSON Schemas (`schemas/<kind>.schema.json`) all come.
 */
import type { z } from "zod";
import { analysisTemplateSchema } from "./analysis_template.ts";
import { ecsReleaseSchema } from "./ecs_release.ts";
import { ecsServiceSchema } from "./ecs_service.ts";
import { environmentSchema } from "./environment.ts";
import { lambdaFunctionSchema } from "./lambda_function.ts";
import { lambdaReleaseSchema } from "./lambda_release.ts";

/** Kind name → its definition, and which top-level folder holds it. */
export const KINDS = {
  Environment: { schema: environmentSchema, folder: "manifests" },
  LambdaFunction: { schema: lambdaFunctionSchema, folder: "manifests" },
  EcsService: { schema: ecsServiceSchema, folder: "manifests" },
  AnalysisTemplate: { schema: analysisTemplateSchema, folder: "manifests" },
  LambdaRelease: { schema: lambdaReleaseSchema, folder: "releases" },
  EcsRelease: { schema: ecsReleaseSchema, folder: "releases" },
} as const;

export type KindName = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as readonly KindName[];

export function isKindName(value: unknown): value is KindName {
  return typeof value === "string" && Object.hasOwn(KINDS, value);
}

/** `T` with every nested property, array and record made readonly. */
export type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[]
  : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
  : T;

/** Every parsed manifest knows the file it came from (as given to `loadRepo`, joined). */
export interface Sourced {
  readonly file: string;
}

type Parsed<K extends KindName> = DeepReadonly<z.output<(typeof KINDS)[K]["schema"]>> & Sourced;

export type Environment = Parsed<"Environment">;
export type LambdaFunction = Parsed<"LambdaFunction">;
export type EcsService = Parsed<"EcsService">;
export type AnalysisTemplate = Parsed<"AnalysisTemplate">;
export type LambdaRelease = Parsed<"LambdaRelease">;
export type EcsRelease = Parsed<"EcsRelease">;
export type Release = LambdaRelease | EcsRelease;
export type Manifest =
  | Environment
  | LambdaFunction
  | EcsService
  | AnalysisTemplate
  | LambdaRelease
  | EcsRelease;

export type CanaryStep = NonNullable<
  Extract<LambdaRelease["spec"]["strategy"], { readonly canary: unknown }>
>["canary"]["steps"][number];
