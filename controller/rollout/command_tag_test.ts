import assert from "node:assert/strict";
import { commandKind, decodeCommand, encodeCommand } from "./command_tag.ts";

Deno.test("encodeCommand() round-trips every manual command as a tag-safe value", () => {
  const at = 1_764_140_000_000;
  for (
    const command of [
      { kind: "promote" as const, at, full: false },
      { kind: "promote" as const, at, full: true },
      { kind: "abort" as const, at },
      { kind: "retry" as const, at },
      { kind: "pause" as const, at },
      { kind: "resume" as const, at },
    ]
  ) {
    const value = encodeCommand(command);
    assert.match(value, /^[\w.:/=+\-@]+$/);
    assert.deepEqual(decodeCommand(value), command);
  }
});

Deno.test("decodeCommand() refuses unknown or damaged values instead of guessing", () => {
  for (const value of [undefined, "", "explode:1", "abort-full:1", "abort:", "abort:x"]) {
    assert.equal(decodeCommand(value), undefined, String(value));
  }
  assert.equal(commandKind("promote"), "promote");
  assert.equal(commandKind("promot"), undefined);
});
