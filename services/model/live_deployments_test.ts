import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { systemClock } from "../../controller/clock.ts";
import { openConnections } from "../../controller/commands/connections.ts";
import { reconcilePass } from "../../controller/reconcile/reconcile_pass.ts";
import { liveDeployments } from "./live_deployments.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("liveDeployments() reads each environment's inference image and weight through the controller's status pass", async () => {
  const root = await Deno.makeTempDir({ prefix: "model-live-" });
  for (const dir of ["manifests", "releases"]) {
    await new Deno.Command("cp", { args: ["-r", `${repo}${dir}`, `${root}/${dir}`] }).output();
  }
  const source = liveDeployments(root);
  const writer = openConnections(root);
  try {
    const before = await source.deployments();
    assert.ok(before.length >= 2, JSON.stringify(before));
    for (const d of before) assert.deepEqual([d.source, d.trafficPercent], ["desired", 0]);

    const applied = await reconcilePass({
      root,
      clock: systemClock,
      release: "inference",
      connect: (env) => writer.connect(env),
    });
    assert.ok(applied.ok, JSON.stringify(applied));

    const after = await source.deployments();
    const live = after.filter((d) => d.source === "live");
    assert.deepEqual([...new Set(live.map((d) => d.environment))].sort(), ["dev", "production"]);
    for (const d of live) {
      assert.equal(d.service, "ml-news-inference");
      assert.ok(d.trafficPercent > 0 && d.trafficPercent <= 100, JSON.stringify(d));
      assert.equal(d.image, before.find((b) => b.environment === d.environment)!.image);
    }
  } finally {
    await source.close();
    await writer.close();
    await Deno.remove(root, { recursive: true });
  }
});
