import assert from "node:assert/strict";
import {
  type AliasState,
  decodeAliasState,
  DESCRIPTION_LIMIT,
  encodeAliasState,
  routingOf,
} from "./alias_state.ts";

const STATE: AliasState = {
  revision: "4f1c".padEnd(64, "0"),
  spec: "0123456789ab",
  commit: "c0ffee".padEnd(40, "1"),
  targetVersion: "12",
  stableVersion: "11",
  stableRevision: "ab12".padEnd(64, "9"),
  weight: 10,
  step: 1,
  stepStartedAt: 1_764_140_000_000,
  extra: { q: "1" },
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

Deno.test("decodeAliasState() returns null for descriptions that are not ours or are damaged", () => {
  for (
    const text of [
      "",
      "hand-made alias",
      "mlnews/1 rev=zz",
      "mlnews/1 rev=" + "a".repeat(64) + " spec=x tv=1 w=150 st=0 t=0",
      "mlnews/9 rev=x",
    ]
  ) {
    assert.equal(decodeAliasState(text), null, text);
  }
});

Deno.test("routingOf() routes the canary weight to the target and the rest to stable", () => {
  assert.deepEqual(routingOf(STATE), { primary: "11", extra: { version: "12", weight: 10 } });
  assert.deepEqual(routingOf({ ...STATE, weight: 100 }), { primary: "12", extra: null });
  assert.deepEqual(routingOf({ ...STATE, stableVersion: null }), { primary: "12", extra: null });
});
