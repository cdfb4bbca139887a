import assert from "node:assert/strict";
import {
  type AliasState,
  decodeAliasState,
  DESCRIPTION_LIMIT,
  encodeAliasState,
  routingOf,
} from "./alias_state.ts";

const REV = "4f1c".padEnd(64, "0");
const STATE: AliasState = {
  revision: REV,
  spec: "0123456789ab",
  commit: "c0ffee".padEnd(40, "1"),
  targetVersion: "12",
  stableVersion: "11",
  stableRevision: "ab12".padEnd(64, "9"),
  weight: 10,
  rollout: { rev: REV, ph: "P", st: "1", t: "mivz2c00", w: "10" },
};

Deno.test("encodeAliasState() fits Lambda's 256-character alias description and round-trips", () => {
  const text = encodeAliasState(STATE);
  assert.ok(text.length <= DESCRIPTION_LIMIT, `${text.length} characters`);
  assert.deepEqual(decodeAliasState(text), {
    ...STATE,
    commit: STATE.commit!.slice(0, 12),
    stableRevision: STATE.stableRevision!.slice(0, 12),
  });
});

Deno.test("encodeAliasState() refuses a state over Lambda's description limit", () => {
  assert.throws(
    () => encodeAliasState({ ...STATE, rollout: { ...STATE.rollout, a: "x".repeat(200) } }),
    /over Lambda's 256/,
  );
});

Deno.test("decodeAliasState() returns null for descriptions that are not ours or are damaged", () => {
  for (
    const text of [
      "",
      "hand-made alias",
      "mlnews/2 rev=zz",
      "mlnews/2 rev=" + "a".repeat(64) + " spec=x tv=1 w=150 st=0 t=0",
      "mlnews/1 rev=" + "a".repeat(64) + " spec=x tv=1 w=10 st=0 t=0",
      "mlnews/9 rev=x",
    ]
  ) {
    assert.equal(decodeAliasState(text), null, text);
  }
});

Deno.test("routingOf(): 0% is all stable, 100% all target, between is a weighted split", () => {
  const refs = { targetVersion: "2", stableVersion: "1" };
  assert.deepEqual(routingOf({ ...refs, weight: 0 }), { primary: "1", extra: null });
  assert.deepEqual(routingOf({ ...refs, weight: 100 }), { primary: "2", extra: null });
  assert.deepEqual(routingOf({ ...refs, weight: 10 }), {
    primary: "1",
    extra: { version: "2", weight: 10 },
  });
  assert.deepEqual(routingOf({ targetVersion: "2", stableVersion: null, weight: 0 }), {
    primary: "2",
    extra: null,
  });
});
