import assert from "node:assert/strict";
import { parse } from "yaml";
import { explain, resultLines, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";

Deno.test("reconcile bootstraps both environments from nothing, then status shows every release Synced and Healthy", async () => {
  const repo = await fixtureRepo();
  try {
    // No LOCAL_AWS_ENDPOINT: the CLI starts local AWS itself, state in .local-aws/.
    const first = await runCli(repo.root, ["reconcile"]);
    assert.equal(first.code, 2, explain(first));
    assert.match(
      first.stdout,
      /^target: local AWS http:\/\/127\.0\.0\.1:\d+ \(account 000000000001, eu-west-1\)/,
    );
    const results = resultLines(first);
    assert.equal(results.size, 8, explain(first));
    for (const [release, line] of results) {
      assert.match(line, /^Synced Healthy {2}applied \d+ change/, release);
    }
    assert.match(first.stdout, /\+ ecs:ml-news-cluster {2}create cluster/);
    assert.match(first.stdout, /\+ ml-news-feedback:live {2}create alias -> v1 100%/);

    const second = await runCli(repo.root, ["reconcile"]);
    assert.equal(second.code, 0, explain(second));
    for (const [release, line] of resultLines(second)) {
      assert.match(line, /^Synced Healthy {2}no changes/, release);
    }

    const status = await runCli(repo.root, ["status", "-o", "json"]);
    assert.equal(status.code, 0, explain(status));
    const list = JSON.parse(status.stdout);
    assert.equal(list.kind, "ReleaseStatusList");
    assert.equal(list.items.length, 8);
    for (const item of list.items) {
      assert.equal(
        `${item.sync} ${item.health}`,
        "Synced Healthy",
        `${item.environment}/${item.release}`,
      );
      assert.equal(
        item.conditions.find((c: { type: string }) => c.type === "Ready").status,
        "True",
      );
      assert.equal(item.appliedCommit?.slice(0, 12), (await repo.head()).slice(0, 12));
    }

    const yaml = await runCli(repo.root, ["status", "-o", "yaml", "--env", "production"]);
    assert.equal(yaml.code, 0, explain(yaml));
    const fromYaml = parse(yaml.stdout);
    assert.deepEqual(
      fromYaml.items.map((i: { release: string; sync: string }) => `${i.release} ${i.sync}`),
      ["evaluation Synced", "feedback Synced", "inference Synced", "model Synced"],
    );
  } finally {
    await repo.remove();
  }
});
