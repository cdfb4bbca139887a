import assert from "node:assert/strict";
import { Backoff } from "./backoff.ts";

Deno.test("Backoff doubles the delay per failure up to the cap and resets on success", () => {
  const b = new Backoff({ baseMs: 1000, maxMs: 5000, jitter: 0 });
  assert.deepEqual([b.failed("r", 0), b.failed("r", 0), b.failed("r", 0), b.failed("r", 0)], [
    1000,
    2000,
    4000,
    5000,
  ]);
  assert.equal(b.ready("r", 4999), false);
  assert.equal(b.ready("r", 5000), true);
  assert.equal(b.ready("other", 0), true);
  b.succeeded("r");
  assert.equal(b.failures("r"), 0);
  assert.equal(b.ready("r", 0), true);
});

Deno.test("Backoff jitter only shortens the delay, by at most the jitter fraction", () => {
  const b = new Backoff({ baseMs: 1000, maxMs: 60_000, jitter: 0.2, random: () => 1 });
  assert.equal(b.failed("r", 0), 800);
});
