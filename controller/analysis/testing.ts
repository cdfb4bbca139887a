/** Test helpers: templates built through the real manifest schema and compiler. */
import { parse } from "yaml";
import { analysisTemplateSchema } from "../manifest/analysis_template.ts";
import { type AnalysisMetric, type AnalysisTemplate, compileTemplate } from "./template.ts";

/** Validates and compiles an AnalysisTemplate given as YAML text (the manifest's own form). */
export function templateFromYaml(yaml: string): AnalysisTemplate {
  const manifest = analysisTemplateSchema.parse(parse(yaml));
  const compiled = compileTemplate(manifest);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.template;
}

/** One metric with the given fields (YAML `key: value` lines) and a localAws provider. */
export function metric(fields: Record<string, unknown>, template = "t"): AnalysisMetric {
  const spec = {
    name: "m",
    provider: { localAws: { metric: "errorRate" } },
    interval: "1m",
    ...fields,
  };
  const manifest = analysisTemplateSchema.parse({
    apiVersion: "deploy.mlnews.dev/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { name: template },
    spec: { metrics: [spec] },
  });
  const compiled = compileTemplate(manifest);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.template.metrics[0]!;
}

/** Reads a template file of the repository (`manifests/analysis/<name>.yaml`). */
export async function repoTemplate(name: string): Promise<AnalysisTemplate> {
  const url = new URL(`../../manifests/analysis/${name}.yaml`, import.meta.url);
  return templateFromYaml(await Deno.readTextFile(url));
}
