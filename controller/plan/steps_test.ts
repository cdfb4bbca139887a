import assert from "node:assert/strict";
import type { Step } from "./desired.ts";
import { runSteps } from "./steps.ts";

const M = 60_000;
const STEPS: Step[] = [
  { kind: "setWeight", weight: 10 },
  { kind: "pause", durationMs: 5 * M },
  { kind: "analysis", templates: ["lambda-error-rate"] },
  { kind: "setWeight", weight: 50 },
  { kind: "pause", durationMs: null },
];

const cases = [
  {
    name: "starts with the first setWeight and waits in the timed pause",
    from: [0, 0, 0],
    now: 0,
    want: [1, 0, 10],
    waiting: "pause",
  },
  {
    name: "a five-minute pause runs in no time with an injected now",
    from: [1, 0, 10],
    now: 5 * M,
    want: [2, 5 * M, 10],
    waiting: "analysis",
  },
  {
    name: "a successful analysis moves on to the next weight",
    from: [2, 0, 10],
    now: 6 * M,
    verdicts: { 2: "Successful" as const },
    want: [4, 6 * M, 50],
    waiting: "pause",
  },
  {
    name: "an untimed pause holds until promoted",
    from: [4, 0, 50],
    now: 99 * M,
    want: [4, 0, 50],
    waiting: "pause",
  },
  {
    name: "promote ends the untimed pause and completes at 100%",
    from: [4, 0, 50],
    now: 99 * M,
    promoted: true,
    want: [5, 99 * M, 100],
    waiting: null,
  },
] as const;

for (const c of cases) {
  Deno.test(`runSteps() ${c.name}`, () => {
    const [step, stepStartedAt, weight] = c.from;
    const r = runSteps(STEPS, { step, stepStartedAt, weight }, {
      now: c.now,
      ...("verdicts" in c ? { verdicts: c.verdicts } : {}),
      ...("promoted" in c ? { promoted: c.promoted } : {}),
    });
    assert.deepEqual([r.step, r.stepStartedAt, r.weight], c.want);
    assert.equal(r.waiting?.kind ?? null, c.waiting);
  });
}
