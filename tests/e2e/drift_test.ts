import assert from "node:assert/strict";
import { awsView } from "./aws_view.ts";
import { changeLines, explain, resultLines, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

/** What a person does in the console: publish another version and point the alias at it. */
async function handEdit(view: ReturnType<typeof awsView>, fn: string): Promise<string> {
  const live = await view.lambda.getFunction(fn);
  await view.lambda.updateFunctionConfiguration(fn, {
    ...live!.config,
    environment: { ...live!.config.environment, HOTFIX: "1" },
  });
  const v = await view.lambda.publishVersion(fn, {
    codeSha256: live!.codeSha256,
    description: "by hand",
  });
  const alias = await view.lambda.getAlias(fn, "live");
  await view.lambda.updateAlias(fn, "live", {
    routing: { primary: v.version, extra: null },
    description: alias!.description,
    revisionId: alias!.revisionId,
  });
  return v.version;
}

Deno.test("a hand-made alias change is healed under driftPolicy heal and only reported under warn", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const dev = awsView(aws.endpoint, "dev");
  const production = awsView(aws.endpoint, "production");
  const endpoint = { endpoint: aws.endpoint };
  try {
    assert.equal((await runCli(repo.root, ["reconcile"], endpoint)).code, 2);
    assert.equal(await handEdit(dev, "ml-news-feedback"), "2");
    assert.equal(await handEdit(production, "ml-news-feedback"), "2");

    const status = await runCli(repo.root, ["status", "-o", "json"], endpoint);
    const drifted = JSON.parse(status.stdout).items.filter((i: { sync: string }) =>
      i.sync === "OutOfSync"
    );
    assert.deepEqual(
      drifted.map((i: { environment: string; release: string }) => `${i.environment}/${i.release}`),
      [
        "dev/feedback",
        "production/feedback",
      ],
    );
    assert.deepEqual(drifted[0].drift, ["ml-news-feedback:live routes v2 100%, git says v1 100%"]);

    const heal = await runCli(repo.root, ["reconcile"], endpoint);
    assert.equal(heal.code, 4, `warn-policy drift waits for a human\n${explain(heal)}`);
    assert.deepEqual(changeLines(heal), ["~ ml-news-feedback:live  v2 100% -> v1 100%  (heal)"]);
    assert.match(
      resultLines(heal).get("production/feedback")!,
      /^OutOfSync Healthy .*driftPolicy: warn, not healed/,
    );
    assert.deepEqual((await dev.lambda.getAlias("ml-news-feedback", "live"))!.routing, {
      primary: "1",
      extra: null,
    });
    assert.deepEqual((await production.lambda.getAlias("ml-news-feedback", "live"))!.routing, {
      primary: "2",
      extra: null,
    });
  } finally {
    dev.close();
    production.close();
    await aws.close();
    await repo.remove();
  }
});
