import assert from "node:assert/strict";
import { renderSummary } from "./summary.ts";

Deno.test("renderSummary() lists each stage with its time and result, and says when one failed", () => {
  const text = renderSummary({
    totalMs: 61_234,
    requests: 1500,
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
    ].join("\n"),
  );
});
