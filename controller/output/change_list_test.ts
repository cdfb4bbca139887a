import assert from "node:assert/strict";
import type { Action } from "../plan/actions.ts";
import { REV_A, REV_B } from "../plan/testing.ts";
import { changeLine } from "./change_list.ts";

const alias: Action = {
  kind: "updateAlias",
  functionName: "ml-news-feedback",
  alias: "live",
  target: { publishedFor: REV_B },
  stable: null,
  state: {
    revision: REV_B,
    spec: "5pec00000000",
    commit: null,
    stableRevision: null,
    weight: 100,
    rollout: { rev: REV_B, ph: "P", st: "0", t: "0", w: "100" },
  },
  before: { primary: "3", extra: null },
  revisionId: "r",
  reason: "rollout",
};

Deno.test("changeLine() shows an alias move like a terraform plan, with the version once it exists", () => {
  assert.equal(
    changeLine(alias),
    "~ ml-news-feedback:live  v3 100% -> vnew(sha256:bbbbbbbbbbbb) 100%",
  );
  assert.equal(
    changeLine(alias, { action: alias, routing: { primary: "4", extra: null } }),
    "~ ml-news-feedback:live  v3 100% -> v4 100%",
  );
  assert.equal(
    changeLine({
      ...alias,
      reason: "heal",
      stable: { version: "3", revision: REV_A },
      state: { ...alias.state, weight: 10 },
    }, {
      action: alias,
      routing: { primary: "3", extra: { version: "4", weight: 10 } },
    }),
    "~ ml-news-feedback:live  v3 100% -> v3 90% + v4 10%  (heal)",
  );
});
