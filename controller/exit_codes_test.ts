import assert from "node:assert/strict";
import { ExitCode, exitCodeFor } from "./exit_codes.ts";

Deno.test("exitCodeFor() lets the most severe release outcome decide", () => {
  const table = [
    [[], ExitCode.Ok],
    [["in-sync", "in-sync"], ExitCode.Ok],
    [["in-sync", "changed"], ExitCode.Progressing],
    [["progressing", "waiting"], ExitCode.WaitingForHuman],
    [["waiting", "degraded", "changed"], ExitCode.Degraded],
    [["degraded", "error"], ExitCode.Error],
  ] as const;
  for (const [outcomes, code] of table) {
    assert.equal(exitCodeFor(outcomes), code, outcomes.join(","));
  }
});
