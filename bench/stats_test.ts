import assert from "node:assert/strict";
import { median, percentile } from "./stats.ts";

Deno.test("percentile() is the nearest rank of the sorted samples", () => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  assert.equal(percentile(samples, 50), 5);
  assert.equal(percentile(samples, 90), 9);
  assert.equal(percentile(samples, 99), 10);
  assert.equal(percentile(samples, 100), 10);
  assert.equal(median([3, 1, 2]), 2);
  assert.deepEqual(samples.slice(0, 3), [5, 1, 4], "the input is not reordered");
});

Deno.test("percentile() of no samples is NaN, not a made-up figure", () => {
  assert.ok(Number.isNaN(percentile([], 50)));
});
