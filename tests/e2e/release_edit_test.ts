import assert from "node:assert/strict";
import { decodeAliasState } from "../../controller/plan/alias_state.ts";
import { TAG_COMMIT, TAG_REVISION } from "../../controller/plan/tags.ts";
import { awsView } from "./aws_view.ts";
import { changeLines, explain, resultLines, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

Deno.test("an edited release shows exactly that change in --dry-run, then reconcile applies exactly it", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const dev = awsView(aws.endpoint, "dev");
  const endpoint = { endpoint: aws.endpoint };
  try {
    assert.equal((await runCli(repo.root, ["reconcile"], endpoint)).code, 2);
    const before = await dev.lambda.getFunction("ml-news-evaluation");
    const old = before!.codeSha256.slice(0, 12);

    const hex = await repo.artifact("evaluation", "evaluation v2");
    await repo.setRevision("dev", "evaluation", hex);
    await repo.commit("evaluation v2");
    const head = await repo.head();
    const short = hex.slice(0, 12);

    const dry = await runCli(repo.root, ["reconcile", "--dry-run"], endpoint);
    assert.equal(dry.code, 2, explain(dry));
    assert.deepEqual(changeLines(dry), [
      `~ ml-news-evaluation  code sha256:${old} -> sha256:${short}`,
      `+ ml-news-evaluation  publish version for sha256:${short}`,
      `~ ml-news-evaluation:live  v1 100% -> vnew(sha256:${short}) 100%`,
      `~ ml-news-evaluation  tags revision=sha256:${short} git-commit=${
        head.slice(0, 12)
      } managed-by=mlnews-controller`,
    ]);
    assert.equal(
      (await dev.lambda.getAlias("ml-news-evaluation", "live"))!.routing.primary,
      "1",
      "dry run wrote nothing",
    );

    const applied = await runCli(repo.root, ["reconcile"], endpoint);
    assert.equal(applied.code, 2, explain(applied));
    assert.ok(
      changeLines(applied).includes("~ ml-news-evaluation:live  v1 100% -> v2 100%"),
      explain(applied),
    );
    for (const [release, line] of resultLines(applied)) {
      if (release === "dev/evaluation") assert.match(line, /^Synced Healthy {2}applied 4 change/);
      else assert.match(line, /no changes/, release);
    }
    const alias = await dev.lambda.getAlias("ml-news-evaluation", "live");
    assert.deepEqual(alias!.routing, { primary: "2", extra: null });
    assert.equal(decodeAliasState(alias!.description)?.revision, hex);
    const fn = await dev.lambda.getFunction("ml-news-evaluation");
    assert.equal(fn!.tags[TAG_REVISION], `sha256:${hex}`);
    assert.equal(fn!.tags[TAG_COMMIT], head);

    const again = await runCli(repo.root, ["reconcile"], endpoint);
    assert.equal(again.code, 0, explain(again));
  } finally {
    dev.close();
    await aws.close();
    await repo.remove();
  }
});

Deno.test("a new image is rolled out by ECS and followed to COMPLETED", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const dev = awsView(aws.endpoint, "dev");
  const endpoint = { endpoint: aws.endpoint };
  try {
    assert.equal((await runCli(repo.root, ["reconcile", "--env", "dev"], endpoint)).code, 2);
    // A rolling deployment is followed to its end (canary bakes are left to later passes).
    await repo.edit(
      "releases/dev/inference.yaml",
      / {2}strategy:[\s\S]*?progressDeadline/,
      "  strategy:\n    rolling: {}\n  progressDeadline",
    );
    await repo.edit(
      "releases/dev/inference.yaml",
      "image: ml-news-inference:1.0.0",
      "image: ml-news-inference:1.1.0",
    );
    const applied = await runCli(
      repo.root,
      ["reconcile", "--env", "dev", "--release", "inference"],
      endpoint,
    );
    assert.equal(applied.code, 2, explain(applied));
    assert.deepEqual(changeLines(applied).slice(0, 2), [
      "+ ecs:ml-news-inference  register task definition ml-news-inference:2 (ml-news-inference:1.1.0)",
      "~ ecs:ml-news-cluster/ml-news-inference  ml-news-inference:1 -> ml-news-inference:2  " +
      '(taskDefinition.containers.inference.image: "ml-news-inference:1.0.0" -> "ml-news-inference:1.1.0")',
    ]);
    assert.match(resultLines(applied).get("dev/inference")!, /^Synced Healthy/);
    const service = await dev.ecs.describeService("ml-news-cluster", "ml-news-inference");
    assert.match(service!.taskDefinitionArn, /ml-news-inference:2$/);
    assert.equal(
      service!.deployments.find((d) => d.status === "PRIMARY")?.rolloutState,
      "COMPLETED",
    );
  } finally {
    dev.close();
    await aws.close();
    await repo.remove();
  }
});
