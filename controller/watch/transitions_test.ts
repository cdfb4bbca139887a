import assert from "node:assert/strict";
import { Transitions } from "./transitions.ts";

Deno.test("Transitions reports a release's state only when it changes", () => {
  const t = new Transitions();
  assert.deepEqual(t.record("dev/feedback", "OutOfSync/Missing"), {
    key: "dev/feedback",
    from: null,
    to: "OutOfSync/Missing",
  });
  assert.equal(t.record("dev/feedback", "OutOfSync/Missing"), null);
  assert.deepEqual(t.record("dev/feedback", "Synced/Healthy")?.from, "OutOfSync/Missing");
  assert.equal(t.record("dev/model", "Synced/Healthy")?.from, null);
});
