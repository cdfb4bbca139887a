import assert from "node:assert/strict";
import { analysisTemplateSchema } from "../manifest/analysis_template.ts";
import { compileTemplate, compileTemplates, needsStable, runMetrics } from "./template.ts";
import { repoTemplate } from "./testing.ts";

Deno.test("compileTemplate() compiles the repository's templates with Argo defaults", async () => {
  const template = await repoTemplate("lambda-error-rate");
  const [errorRate, p99] = template.metrics;
  assert.equal(errorRate?.key, "lambda-error-rate/error-rate");
  assert.equal(errorRate?.intervalMs, 30_000);
  assert.equal(errorRate?.initialDelayMs, 10_000);
  assert.equal(errorRate?.consecutiveErrorLimit, 4);
  assert.equal(needsStable(errorRate!), true);
  assert.equal(p99?.dryRun, true);
  assert.equal(needsStable(p99!), false);
  const quality = await repoTemplate("inference-quality");
  assert.equal(quality.metrics[0]?.successCondition?.text, "result <= 0.01");
  assert.equal(quality.metrics[0]?.failureCondition?.text, "result > 0.03");
});

Deno.test("compileTemplate() reports every bad condition with its field path and column", () => {
  const manifest = analysisTemplateSchema.parse({
    apiVersion: "deploy.mlnews.dev/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { name: "bad" },
    spec: {
      metrics: [
        {
          name: "a",
          provider: { localAws: { metric: "errorRate" } },
          interval: "1m",
          successCondition: "result = 1",
        },
        {
          name: "b",
          provider: { localAws: { metric: "errorRate" } },
          interval: "1m",
          failureCondition: "reslt > 1",
        },
      ],
    },
  });
  const compiled = compileTemplate(manifest);
  assert.ok(!compiled.ok);
  assert.deepEqual(compiled.problems.map((p) => [p.path.join("."), p.column]), [
    ["spec.metrics.0.successCondition", 8],
    ["spec.metrics.1.failureCondition", 1],
  ]);
});

Deno.test("runMetrics() joins templates in order and names an unknown template", async () => {
  const a = await repoTemplate("lambda-error-rate");
  const b = await repoTemplate("inference-quality");
  const templates = new Map([[a.name, a], [b.name, b]]);
  assert.deepEqual(runMetrics(templates, [b.name, a.name]).map((m) => m.key), [
    "inference-quality/accuracy-drop",
    "lambda-error-rate/error-rate",
    "lambda-error-rate/p99-duration",
    "lambda-error-rate/http-error-rate",
  ]);
  assert.throws(() => runMetrics(templates, ["nope"]), /unknown AnalysisTemplate "nope"/);
});

Deno.test("compileTemplates() compiles every template of the repository", async () => {
  const { loadRepo } = await import("../manifest/mod.ts");
  const { repo } = await loadRepo(new URL("../../", import.meta.url).pathname);
  const { templates, problems } = compileTemplates(repo.analysisTemplates);
  assert.deepEqual(problems, []);
  assert.deepEqual([...templates.keys()].sort(), ["inference-quality", "lambda-error-rate"]);
});
