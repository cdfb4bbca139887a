import assert from "node:assert/strict";
import { COMMANDS, main } from "./main.ts";

Deno.test("main() dispatches validate | reconcile | status | rollout and rejects others", async () => {
  assert.deepEqual(Object.keys(COMMANDS).sort(), ["reconcile", "rollout", "status", "validate"]);
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  try {
    assert.equal(await main(["frobnicate"]), 1);
    assert.equal(await main([]), 1);
  } finally {
    console.error = original;
  }
  assert.match(String(errors[0]), /^unknown command "frobnicate"\nusage: main.ts </);
  assert.match(String(errors[1]), /^missing command\n/);
});
