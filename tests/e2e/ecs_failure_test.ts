import assert from "node:assert/strict";
import { awsView } from "./aws_view.ts";
import { explain, resultLines, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

Deno.test("an ECS deployment the circuit breaker rolls back is reported Degraded, never success, and not retried", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const dev = awsView(aws.endpoint, "dev");
  const endpoint = { endpoint: aws.endpoint };
  try {
    assert.equal((await runCli(repo.root, ["reconcile", "--env", "dev"], endpoint)).code, 2);
    // local AWS: an image tag containing "fail" never becomes healthy.
    await repo.edit(
      "releases/dev/inference.yaml",
      "image: ml-news-inference:1.0.0",
      "image: ml-news-inference:2.0.0-fail",
    );
    const failed = await runCli(
      repo.root,
      ["reconcile", "--env", "dev", "--release", "inference"],
      endpoint,
    );
    assert.equal(failed.code, 3, explain(failed));
    assert.match(resultLines(failed).get("dev/inference")!, /^OutOfSync Degraded .*failed/);
    const service = await dev.ecs.describeService("ml-news-cluster", "ml-news-inference");
    assert.match(
      service!.taskDefinitionArn,
      /ml-news-inference:1$/,
      "ECS rolled back to the previous task definition",
    );

    const again = await runCli(
      repo.root,
      ["reconcile", "--env", "dev", "--release", "inference"],
      endpoint,
    );
    assert.equal(again.code, 3, explain(again));
    assert.match(resultLines(again).get("dev/inference")!, /no changes/);

    const status = await runCli(repo.root, [
      "status",
      "--env",
      "dev",
      "--wait",
      "--timeout",
      "5s",
      "-o",
      "json",
    ], endpoint);
    assert.equal(status.code, 3, explain(status));
    const item = JSON.parse(status.stdout).items.find((i: { release: string }) =>
      i.release === "inference"
    );
    assert.equal(item.health, "Degraded");
    assert.equal(
      item.conditions.find((c: { type: string }) => c.type === "Stalled").status,
      "True",
    );
  } finally {
    dev.close();
    await aws.close();
    await repo.remove();
  }
});

Deno.test("status --wait blocks until an ECS deployment completes, then exits 0", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const endpoint = { endpoint: aws.endpoint };
  try {
    const started = await runCli(
      repo.root,
      ["reconcile", "--env", "dev", "--follow-timeout", "0s"],
      endpoint,
    );
    assert.equal(started.code, 2, explain(started));
    assert.match(resultLines(started).get("dev/inference")!, /Progressing/);
    const waited = await runCli(repo.root, [
      "status",
      "--env",
      "dev",
      "--wait",
      "--timeout",
      "30s",
      "--interval",
      "200ms",
    ], endpoint);
    assert.equal(waited.code, 0, explain(waited));
    assert.match(waited.stdout, /inference +dev +EcsRelease +Synced +Healthy/);
  } finally {
    await aws.close();
    await repo.remove();
  }
});
