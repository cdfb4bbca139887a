import assert from "node:assert/strict";
import { Tally } from "./tally.ts";

Deno.test("Tally counts answers per target and version by status class", () => {
  const tally = new Tally();
  for (const status of [200, 200, 201, 404, 500, 0]) {
    tally.add({ target: "feedback", version: "version 2", status, ms: 5 });
  }
  tally.add({ target: "inference", version: "svc:1 model abc", status: 200, ms: 2 });
  assert.equal(tally.total, 7);
  const lines = tally.render().split("\n");
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[1]!.trim().split(/\s+/), [
    "feedback",
    "version",
    "2",
    "6",
    "3",
    "1",
    "1",
    "1",
    "5.0",
    "5.0",
  ]);
  assert.match(lines[2]!, /^inference\s+svc:1 model abc\s+1\s+1\s+0\s+0\s+0\s+2\.0\s+2\.0$/);
});
