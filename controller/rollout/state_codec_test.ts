import assert from "node:assert/strict";
import type { RolloutState } from "./state.ts";
import {
  decodeRolloutState,
  encodeRolloutState,
  fieldsToText,
  RolloutStateError,
  textToFields,
} from "./state_codec.ts";
import { healthy, NEW, repoStrategy, repoTemplates, simulate, T0 } from "./testing.ts";

const templates = await repoTemplates();
const strategy = await repoStrategy("dev/feedback");
const context = { strategy, templates };

Deno.test("encodeRolloutState() round-trips every state of a canary within tag limits", () => {
  const world = simulate({ strategy, templates, read: healthy });
  const states = world.decisions.map((d) => d.state);
  assert.ok(states.length > 10);
  for (const state of states) {
    const fields = encodeRolloutState(state, context);
    for (const [key, value] of Object.entries(fields)) {
      assert.ok(value.length <= 256, `${key} is ${value.length} characters`);
      assert.match(value, /^[\p{L}\p{N} _.:/=+\-@]*$/u, `${key}=${value} uses only tag characters`);
    }
    const back = decodeRolloutState(textToFields(fieldsToText(fields)), context);
    assert.deepEqual(strip(back), strip(state));
  }
  const longest = Math.max(
    ...states.map((s) => fieldsToText(encodeRolloutState(s, context)).length),
  );
  assert.ok(longest <= 256, `longest state is ${longest} characters`);
});

Deno.test("encodeRolloutState() keeps holds, failures and the last command", () => {
  const state: RolloutState = {
    revision: NEW,
    phase: "RolledBack",
    step: 2,
    stepStartedAt: T0,
    weight: 0,
    hold: { kind: "inconclusive", since: T0 + 5, run: "background" },
    failure: { reason: "analysis", at: T0 + 9, metric: "lambda-error-rate/error-rate" },
    lastCommandAt: T0 + 1,
  };
  assert.deepEqual(decodeRolloutState(encodeRolloutState(state, context), context), {
    ...state,
    analysis: undefined,
    background: undefined,
    baseline: undefined,
  });
});

Deno.test("decodeRolloutState() rejects damaged state with a clear error", () => {
  const good = encodeRolloutState({
    revision: NEW,
    phase: "Progressing",
    step: 0,
    stepStartedAt: T0,
    weight: 0,
    lastCommandAt: 0,
  }, context);
  const table: [Record<string, string>, RegExp][] = [
    [{ ...good, rev: "" }, /missing rev/],
    [{ ...good, ph: "Z" }, /unknown phase "Z"/],
    [{ ...good, st: "-1" }, /st: expected a whole number/],
    [{ ...good, w: "120" }, /bad weight 120/],
    [{ ...good, t: "x y" }, /t: expected a base-36 time/],
    [{ ...good, h: "q.1" }, /bad hold q.1/],
    [{ ...good, f: "z.1" }, /bad failure z.1/],
  ];
  for (const [fields, message] of table) {
    assert.throws(() => decodeRolloutState(fields, context), (e: Error) => {
      return e instanceof RolloutStateError && message.test(e.message);
    });
  }
  assert.throws(() => textToFields("rev=a nonsense"), /expected key=value, found "nonsense"/);
});

Deno.test("decodeRolloutState() drops an analysis run written for other metrics", () => {
  const world = simulate({ strategy, templates, read: healthy });
  const measuring = world.decisions.find((d) => d.kind === "wait" && d.state.analysis)!;
  const fields = encodeRolloutState(measuring.state, context);
  assert.ok(fields.a);
  const otherSteps = {
    ...strategy,
    steps: strategy.steps.map((s) =>
      s.kind === "analysis" ? { ...s, templates: ["inference-quality"] } : s
    ),
  };
  const decoded = decodeRolloutState(fields, { strategy: otherSteps, templates });
  assert.equal(decoded.analysis, undefined, "the analysis starts over rather than being misread");
});

/** Measured values keep 6 significant digits in the encoded form; everything else is exact. */
function strip(state: RolloutState) {
  const round = (key: string, value: unknown) =>
    (key === "value" || key === "stableValue") && typeof value === "number"
      ? Number(value.toPrecision(6))
      : value;
  return JSON.parse(JSON.stringify(state, round));
}

Deno.test("encodeRolloutState() round-trips the bake's stable baseline", () => {
  const bake = { templates: ["lambda-error-rate"], durationMs: 300_000 };
  const withBake = { strategy: { ...strategy, bake }, templates };
  const state: RolloutState = {
    revision: NEW,
    phase: "Baking",
    step: 6,
    stepStartedAt: T0,
    weight: 100,
    baseline: { "lambda-error-rate/error-rate": 0.0123456789 },
    lastCommandAt: 0,
  };
  const fields = encodeRolloutState(state, withBake);
  assert.equal(fields.s, "0.0123457::");
  assert.deepEqual(decodeRolloutState(fields, withBake).baseline, {
    "lambda-error-rate/error-rate": 0.0123457,
  });
  // Written for other bake metrics: dropped rather than misread.
  assert.equal(decodeRolloutState({ ...fields, s: "1:2:3:4" }, withBake).baseline, undefined);
});
