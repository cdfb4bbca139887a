import assert from "node:assert/strict";
import { decodeAliasState } from "../../controller/plan/alias_state.ts";
import { ACCOUNTS, awsView } from "./aws_view.ts";
import { explain, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

const FUNCTIONS = ["ml-news-evaluation", "ml-news-feedback", "ml-news-model"];

Deno.test("two controllers started at once converge without a lost or doubled write", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const endpoint = { endpoint: aws.endpoint };
  const views = Object.keys(ACCOUNTS).map((env) =>
    awsView(aws.endpoint, env as keyof typeof ACCOUNTS)
  );
  try {
    const both = await Promise.all([
      runCli(repo.root, ["reconcile"], endpoint),
      runCli(repo.root, ["reconcile"], endpoint),
    ]);
    for (const r of both) assert.ok(r.code === 0 || r.code === 2, explain(r));
    for (const view of views) {
      for (const fn of FUNCTIONS) {
        assert.deepEqual((await view.lambda.listVersions(fn)).map((v) => v.version), ["1"], fn);
        assert.deepEqual((await view.lambda.getAlias(fn, "live"))!.routing, {
          primary: "1",
          extra: null,
        });
      }
    }

    // Both race to start the same canary: one alias write wins, the other re-observes.
    const hex = await repo.artifact("feedback", "feedback v2");
    await repo.setRevision("dev", "feedback", hex);
    await repo.commit("feedback v2");
    const race = await Promise.all([
      runCli(repo.root, ["reconcile", "--env", "dev"], endpoint),
      runCli(repo.root, ["reconcile", "--env", "dev"], endpoint),
    ]);
    for (const r of race) assert.ok(r.code === 0 || r.code === 2, explain(r));
    const dev = views[0]!;
    assert.deepEqual((await dev.lambda.listVersions("ml-news-feedback")).map((v) => v.version), [
      "1",
      "2",
    ]);
    const alias = await dev.lambda.getAlias("ml-news-feedback", "live");
    assert.deepEqual(alias!.routing, { primary: "1", extra: { version: "2", weight: 10 } });
    const state = decodeAliasState(alias!.description);
    assert.equal(state?.revision, hex);
    assert.equal(state?.rollout.st, "1");

    const after = await runCli(repo.root, ["reconcile", "--env", "production"], endpoint);
    assert.equal(after.code, 0, explain(after));
  } finally {
    for (const v of views) v.close();
    await aws.close();
    await repo.remove();
  }
});
