/**
 * An `AnalysisTemplate` made runnable: the manifest's metrics with their conditions parsed
 * (once, at load) and Argo Rollouts' defaults filled in.
 */
import type { AnalysisTemplate as Manifest } from "../manifest/mod.ts";
import { type Condition, parseCondition } from "./expression.ts";

/** A validated `AnalysisTemplate` manifest (`controller/manifest`). */
export type AnalysisTemplateManifest = Pick<Manifest, "metadata" | "spec">;
type MetricManifest = AnalysisTemplateManifest["spec"]["metrics"][number];
/** Exactly one of `localAws`, `cloudWatch`, `web`, `prometheus`, as the manifest says. */
export type ProviderSpec = MetricManifest["provider"];

export interface AnalysisMetric {
  /** `template/metric`: unique across the templates of one analysis run. */
  readonly key: string;
  readonly template: string;
  readonly name: string;
  readonly provider: ProviderSpec;
  readonly intervalMs: number;
  /** Measurements to take; `undefined`: measure until the run is stopped (background). */
  readonly count: number | undefined;
  readonly initialDelayMs: number;
  readonly minSamples: number;
  readonly successCondition: Condition | undefined;
  readonly failureCondition: Condition | undefined;
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  readonly consecutiveErrorLimit: number;
  readonly dryRun: boolean;
}

export interface AnalysisTemplate {
  readonly name: string;
  readonly metrics: readonly AnalysisMetric[];
}

/** A condition that does not parse, located by field path and column within the condition. */
export interface TemplateProblem {
  readonly path: readonly (string | number)[];
  readonly column: number;
  readonly message: string;
}

export type CompileResult =
  | { readonly ok: true; readonly template: AnalysisTemplate }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

/** Parses every condition of a validated template; reports every bad condition at once. */
export function compileTemplate(manifest: AnalysisTemplateManifest): CompileResult {
  const problems: TemplateProblem[] = [];
  const template = manifest.metadata.name;
  const metrics = manifest.spec.metrics.map((metric, index): AnalysisMetric => {
    const condition = (field: "successCondition" | "failureCondition") => {
      const text = metric[field];
      if (text === undefined) return undefined;
      const parsed = parseCondition(text);
      if (parsed.ok) return parsed.condition;
      problems.push({
        path: ["spec", "metrics", index, field],
        column: parsed.error.column,
        message: parsed.error.message,
      });
      return undefined;
    };
    return {
      key: `${template}/${metric.name}`,
      template,
      name: metric.name,
      provider: metric.provider,
      intervalMs: metric.interval,
      count: metric.count,
      initialDelayMs: metric.initialDelay,
      minSamples: metric.minSamples,
      successCondition: condition("successCondition"),
      failureCondition: condition("failureCondition"),
      failureLimit: metric.failureLimit,
      inconclusiveLimit: metric.inconclusiveLimit,
      consecutiveErrorLimit: metric.consecutiveErrorLimit,
      dryRun: metric.dryRun,
    };
  });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, template: { name: template, metrics } };
}

/** The metrics of several templates, in order, as one analysis run measures them. */
export function runMetrics(
  templates: ReadonlyMap<string, AnalysisTemplate>,
  names: readonly string[],
): AnalysisMetric[] {
  return names.flatMap((name) => {
    const template = templates.get(name);
    if (!template) throw new Error(`unknown AnalysisTemplate ${JSON.stringify(name)}`);
    return template.metrics;
  });
}

/** True when any deciding condition of `metric` compares with the stable version. */
export function needsStable(metric: AnalysisMetric): boolean {
  return Boolean(metric.successCondition?.usesStable || metric.failureCondition?.usesStable);
}

/** Compiles every template of a repository; problems name the template's file when known. */
export function compileTemplates(
  manifests: ReadonlyMap<string, AnalysisTemplateManifest & { readonly file?: string }>,
): {
  readonly templates: ReadonlyMap<string, AnalysisTemplate>;
  readonly problems: readonly (TemplateProblem & { readonly file?: string | undefined })[];
} {
  const templates = new Map<string, AnalysisTemplate>();
  const problems: (TemplateProblem & { file?: string | undefined })[] = [];
  for (const [name, manifest] of manifests) {
    const compiled = compileTemplate(manifest);
    if (compiled.ok) templates.set(name, compiled.template);
    else problems.push(...compiled.problems.map((p) => ({ ...p, file: manifest.file })));
  }
  return { templates, problems };
}
