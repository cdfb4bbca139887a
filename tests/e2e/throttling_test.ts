import assert from "node:assert/strict";
import { explain, resultLines, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

Deno.test("throttling is survived by SDK retries plus backoff, and the final state is correct", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const endpoint = { endpoint: aws.endpoint };
  try {
    aws.faults.add({ operation: "*", kind: "throttle", rate: 0.1 });
    // Bursts longer than one call's SDK retries can absorb alone.
    aws.faults.add({ operation: "lambda:CreateAlias", kind: "throttle", count: 5 });
    aws.faults.add({ operation: "ecs:CreateService", kind: "throttle", count: 5 });
    const first = await runCli(repo.root, ["reconcile"], endpoint);
    const counted = aws.faults.list().filter((r) => r.count !== undefined);
    assert.deepEqual(counted, [], "every counted throttle was hit");
    assert.equal(first.code, 2, explain(first));
    for (const [release, line] of resultLines(first)) {
      assert.match(line, /^Synced Healthy/, release);
    }

    aws.faults.clear();
    const second = await runCli(repo.root, ["reconcile"], endpoint);
    assert.equal(second.code, 0, explain(second));
  } finally {
    await aws.close();
    await repo.remove();
  }
});
