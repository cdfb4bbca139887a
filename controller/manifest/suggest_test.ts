import assert from "node:assert/strict";
import { didYouMean, editDistance, suggest } from "./suggest.ts";

Deno.test("editDistance() counts a swap of neighbours as one edit", () => {
  assert.equal(editDistance("alais", "alias"), 1);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("same", "same"), 0);
});

Deno.test("suggest() offers close names, known synonyms, and nothing for far ones", () => {
  const spec = ["cluster", "desiredCount", "launchType", "taskDefinition"];
  assert.equal(suggest("replicas", spec), "desiredCount");
  assert.equal(suggest("clustr", spec), "cluster");
  assert.equal(suggest("launchtype", spec), "launchType");
  assert.equal(suggest("zzz", spec), undefined);
  assert.equal(suggest("image", spec), undefined);
  assert.equal(didYouMean("setWieght", ["setWeight", "pause"]), '; did you mean "setWeight"?');
  assert.equal(didYouMean("foo", ["setWeight", "pause"]), "");
});

Deno.test("suggest() gives up on words longer than any name", () => {
  assert.equal(suggest(`${"x".repeat(200)}replicas`, ["replicas"]), undefined);
});
