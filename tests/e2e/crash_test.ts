import assert from "node:assert/strict";
import { ACCOUNTS, awsView } from "./aws_view.ts";
import { cliCommand, explain, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

const FUNCTIONS = ["ml-news-evaluation", "ml-news-feedback", "ml-news-model"];

Deno.test("a controller killed mid-apply is restarted and converges", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const endpoint = { endpoint: aws.endpoint };
  const views = Object.keys(ACCOUNTS).map((env) =>
    awsView(aws.endpoint, env as keyof typeof ACCOUNTS)
  );
  try {
    // Publishing hangs, so the kill lands after CreateFunction and before the alias exists.
    aws.faults.add({ operation: "lambda:PublishVersion", kind: "latency", latencyMs: 4_000 });
    const child = cliCommand(repo.root, ["reconcile"], endpoint).spawn();
    const deadline = Date.now() + 15_000;
    while (
      (await views[0]!.lambda.getFunction("ml-news-feedback")) === null && Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 200));
    child.kill("SIGKILL");
    const killed = await child.output();
    assert.notEqual(killed.code, 0);
    assert.equal(
      await views[0]!.lambda.getAlias("ml-news-feedback", "live"),
      null,
      "killed before the alias",
    );

    aws.faults.clear();
    const restarted = await runCli(repo.root, ["reconcile"], endpoint);
    assert.equal(restarted.code, 2, explain(restarted));
    const settled = await runCli(repo.root, ["reconcile"], endpoint);
    assert.equal(settled.code, 0, explain(settled));
    for (const view of views) {
      for (const fn of FUNCTIONS) {
        assert.deepEqual((await view.lambda.listVersions(fn)).map((v) => v.version), ["1"], fn);
      }
    }
  } finally {
    for (const v of views) v.close();
    await aws.close();
    await repo.remove();
  }
});
