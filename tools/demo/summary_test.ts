import assert from "node:assert/strict";
import { renderSummary } from "./summary.ts";

Deno.test("renderSummary() lists each stage with its time and result, and says when one failed", () => {
  const text = renderSummary({
    totalMs: 61_234,
    requests: 1500,
    cleanupErrors: [],
    stages: [
      { name: "bootstrap", result: "8 releases Synced and Healthy", ok: true, ms: 2_000 },
      {
        name: "broken canary",
        result: "promoted, 100% on the desired revision",
        ok: false,
        ms: 30_000,
      },
    ],
  });
  assert.equal(
    text,
    [
      "summary (61.2s in all, 1500 requests sent)",
      "  ✔ bootstrap        2.0s  8 releases Synced and Healthy",
      "  ✘ broken canary   30.0s  promoted, 100% on the desired revision",
      "  1 stage(s) did not end as expected",
      "  local AWS, its handler and task processes and the traffic are stopped; workspace removed",
    ].join("\n"),
  );
});

Deno.test("renderSummary() reports a cleanup that failed instead of claiming nothing is left", () => {
  const text = renderSummary({
    totalMs: 1_000,
    requests: 0,
    cleanupErrors: ["Directory not empty (os error 39)"],
    stages: [{ name: "prepare", result: "built", ok: true, ms: 1_000 }],
  });
  assert.match(text, /every stage did what it should\n {2}cleanup failed: Directory not empty/);
});
