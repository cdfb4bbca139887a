/**
 * An ECS canary (ECS's native CANARY strategy) whose quality analysis fails during the bake:
 * the controller asks ECS to roll back with StopServiceDeployment(ROLLBACK) and quarantines the
 * release. Real CLI, local AWS with a fast simulated minute, and a quality endpoint that says
 * the canary's accuracy dropped by 20 points (as the evaluation service's `$.accuracyDrop`).
 */
import assert from "node:assert/strict";
import { startLocalAws } from "../../local_aws/mod.ts";
import { awsView } from "./aws_view.ts";
import { changeLines, explain, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";

const TEMPLATE = `apiVersion: deploy.mlnews.dev/v1alpha1
kind: AnalysisTemplate
metadata:
  name: fast-quality
spec:
  metrics:
    - name: accuracy-drop
      provider:
        web:
          url: "{{env.QUALITY_URL}}/v1/verdict?target=canary"
          jsonPath: $.accuracyDrop
      interval: 500ms
      count: 2
      minSamples: 1
      successCondition: result <= 0.01
      failureCondition: result > 0.03
`;

Deno.test("an ECS canary failing analysis during the bake is rolled back via StopServiceDeployment and quarantined", async () => {
  const quality = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => Response.json({ accuracy: 0.7, baseline: { accuracy: 0.9 }, accuracyDrop: 0.2 }),
  );
  Deno.env.set("QUALITY_URL", `http://127.0.0.1:${quality.addr.port}`);
  const repo = await fixtureRepo();
  const aws = await startLocalAws({
    stateDir: `${repo.root}/.local-aws`,
    port: 0,
    timing: { taskStartMs: 100, minuteMs: 1_500 },
  });
  const dev = awsView(aws.endpoint, "dev");
  const cli = (args: string[]) => runCli(repo.root, args, { endpoint: aws.endpoint });
  const reconcile = ["reconcile", "--env", "dev", "--release", "inference"];
  try {
    await Deno.writeTextFile(`${repo.root}/manifests/analysis/fast-quality.yaml`, TEMPLATE);
    await repo.edit(
      "releases/dev/inference.yaml",
      / {2}strategy:[\s\S]*?progressDeadline/,
      "  strategy:\n    canary:\n      canaryPercent: 20\n      bakeTime: 3m\n" +
        "      analysis:\n        templates: [fast-quality]\n  progressDeadline",
    );
    await repo.commit("fast ECS canary");
    const first = await cli(reconcile);
    assert.equal(first.code, 2, explain(first));

    await repo.edit(
      "releases/dev/inference.yaml",
      "image: ml-news-inference:1.0.0",
      "image: ml-news-inference:1.1.0",
    );
    await repo.commit("inference 1.1.0");
    const results = [];
    for (let i = 0; i < 40; i++) {
      const r = await cli(reconcile);
      results.push(r);
      if (r.code !== 2) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const last = results.at(-1)!;
    assert.equal(last.code, 3, results.map(explain).join("\n"));
    assert.ok(
      changeLines(last).some((l) => /stop deployment, roll back \(analysis Failed/.test(l)),
      explain(last),
    );
    const deployment = await dev.ecs.latestServiceDeployment(
      "ml-news-cluster",
      "ml-news-inference",
    );
    assert.match(deployment!.status, /^ROLLBACK_/);
    for (let i = 0; i < 50; i++) {
      const service = await dev.ecs.describeService("ml-news-cluster", "ml-news-inference");
      if (/ml-news-inference:1$/.test(service!.taskDefinitionArn)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const service = await dev.ecs.describeService("ml-news-cluster", "ml-news-inference");
    assert.match(service!.taskDefinitionArn, /ml-news-inference:1$/);

    // Quarantined: later passes change nothing and say how to lift it.
    const again = await cli(reconcile);
    assert.equal(again.code, 3, explain(again));
    assert.deepEqual(changeLines(again), []);
    const status = await cli(["status", "--env", "dev", "--release", "inference", "-o", "json"]);
    const item = JSON.parse(status.stdout).items[0];
    assert.equal(item.health, "Degraded");
    assert.equal(item.reason, "RolledBack");
    assert.match(item.message, /fast-quality\/accuracy-drop/);
    assert.match(item.message, /deno task rollout retry inference --env dev/);
    assert.equal(item.rollout.phase, "RolledBack");
    assert.equal(item.rollout.failure.reason, "analysis");
    assert.equal(item.rollout.failure.metric, "fast-quality/accuracy-drop");
    assert.equal(item.rollout.quarantine.revision, "ml-news-inference:1.1.0");
  } finally {
    dev.close();
    await aws.close();
    await quality.shutdown();
    Deno.env.delete("QUALITY_URL");
    await repo.remove();
  }
});
