import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { manifestDeployments } from "./manifest_deployments.ts";

Deno.test("manifestDeployments() reports each environment's EcsRelease image from the repo's own manifests", async () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const deployments = await manifestDeployments(root).deployments();
  const environments = deployments.map((d) => d.environment);
  assert.ok(
    environments.includes("dev") && environments.includes("production"),
    environments.join(),
  );
  for (const d of deployments) {
    assert.equal(d.service, "ml-news-inference");
    assert.match(d.image, /^[\w./-]+:[\w.-]+/);
    assert.equal(d.trafficPercent, 100);
    assert.equal(d.source, "desired");
  }
});
