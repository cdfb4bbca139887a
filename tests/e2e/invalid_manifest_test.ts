import assert from "node:assert/strict";
import { explain, runCli } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";

Deno.test("reconcile with an invalid release prints where, exits 1 and touches nothing", async () => {
  const repo = await fixtureRepo();
  try {
    await repo.edit("releases/dev/feedback.yaml", "  alias: live", "  alais: live");
    const result = await runCli(repo.root, ["reconcile"]);
    assert.equal(result.code, 1, explain(result));
    assert.match(
      result.stderr,
      /releases\/dev\/feedback\.yaml:\d+:\d+: spec\.alais: .*did you mean "alias"/,
    );
    assert.match(result.stderr, /nothing was changed/);
    assert.doesNotMatch(result.stdout, /^target:/m, "no AWS target was even connected");
    await assert.rejects(Deno.stat(`${repo.root}/.local-aws`), Deno.errors.NotFound);
  } finally {
    await repo.remove();
  }
});
