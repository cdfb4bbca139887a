import assert from "node:assert/strict";
import { mapInOrder } from "./pool.ts";

Deno.test("mapInOrder() runs at most `concurrency` at once and reports results in input order", async () => {
  let running = 0;
  let peak = 0;
  const reported: number[] = [];
  const delays = [30, 5, 20, 1, 10, 2];
  const results = await mapInOrder(delays, async (ms, i) => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, ms));
    running -= 1;
    return i;
  }, { concurrency: 3, onResult: (r) => reported.push(r) });
  assert.deepEqual(results, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(reported, [0, 1, 2, 3, 4, 5]);
  assert.equal(peak, 3);
});
