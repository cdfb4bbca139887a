import assert from "node:assert/strict";
import { changedTags, joinRollout, RUN_TAGS, splitRollout } from "./rollout_tags.ts";

const FIELDS = { rev: "b".repeat(64), ph: "P", st: "2", t: "mwx9zcie", w: "10", a: "run-a" };

Deno.test("splitRollout() keeps runs out of the alias fields and keys them by step", () => {
  const { alias, tags } = splitRollout(FIELDS);
  assert.equal(alias.a, undefined);
  assert.equal(tags[RUN_TAGS.a!], `${"b".repeat(12)}.2.mwx9zcie@run-a`);
  assert.equal(tags[RUN_TAGS.b!], "-");
  assert.deepEqual(joinRollout(alias, tags), FIELDS);
});

Deno.test("joinRollout() ignores a run written for another step (never reused, never skipping analysis)", () => {
  const { alias, tags } = splitRollout(FIELDS);
  assert.equal(joinRollout({ ...alias, st: "4" }, tags).a, undefined);
  assert.equal(joinRollout({ ...alias, t: "mwx9zcif" }, tags).a, undefined);
});

Deno.test("changedTags() writes only what differs; a missing tag is no run", () => {
  const { tags } = splitRollout(FIELDS);
  assert.deepEqual(changedTags(tags, {}), { [RUN_TAGS.a!]: tags[RUN_TAGS.a!] });
  assert.deepEqual(changedTags(tags, tags), {});
});
