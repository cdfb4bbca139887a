import assert from "node:assert/strict";
import { modelVersionOfTag } from "./image_tag.ts";

const COMMIT = "3f9a1c2b4d5e6f708192a3b4c5d6e7f801234567";

Deno.test("modelVersionOfTag() reads the model from CI's <model>-<commit> tags and bare model tags", () => {
  assert.equal(modelVersionOfTag(`6e5de30ea0a2-${COMMIT}`), "6e5de30ea0a2");
  assert.equal(modelVersionOfTag("6e5de30ea0a2-3f9a1c2"), "6e5de30ea0a2");
  assert.equal(modelVersionOfTag("6e5de30ea0a2"), "6e5de30ea0a2");
});

Deno.test("modelVersionOfTag() names no model for tags of another shape", () => {
  for (
    const tag of ["1.0.0", "latest", "6e5de30ea0a2-fail", "6E5DE30EA0A2", "6e5de30ea0a", COMMIT]
  ) {
    assert.equal(modelVersionOfTag(tag), undefined, tag);
  }
});
