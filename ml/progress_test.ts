import assert from "node:assert/strict";
import { progressReporter } from "./progress.ts";

const progress = (epoch: number, rowsDone: number) => ({
  epoch,
  epochs: 2,
  rowsDone,
  rows: 100,
  loss: 0.5,
});

Deno.test("progressReporter() redraws one line on a terminal", () => {
  const out: string[] = [];
  let t = 0;
  const sink = progressReporter("fit", {
    isTerminal: true,
    write: (s) => out.push(s),
    now: () => (t += 500),
  });
  sink.update(progress(1, 50));
  sink.update(progress(1, 100));
  sink.done();
  assert.equal(out.length, 3);
  assert.ok(out[0]!.startsWith("\rfit [#####...............] epoch 1/2 loss 0.5000 "), out[0]);
  assert.ok(out[0]!.endsWith(" rows/s\u001b[K"), "clears the rest of the line");
  assert.equal(out[2], "\n");
});

Deno.test("progressReporter() writes one plain line per finished epoch off a terminal", () => {
  const out: string[] = [];
  const sink = progressReporter("fit", {
    isTerminal: false,
    write: (s) => out.push(s),
    now: () => 1000,
  });
  sink.update(progress(1, 50));
  sink.update(progress(1, 100));
  sink.update(progress(2, 100));
  sink.done();
  assert.equal(out.length, 2);
  assert.match(out[0]!, /^fit \[#{10}\.{10}\] epoch 1\/2 loss 0\.5000 \d+ rows\/s\n$/);
  assert.match(out[1]!, /^fit \[#{20}\] epoch 2\/2/);
});
