import assert from "node:assert/strict";
import { DurationError, formatDuration, parseDuration } from "./duration.ts";

Deno.test("parseDuration() reads ms, s, m, h and compound durations into milliseconds", () => {
  const table: [string, number][] = [
    ["500ms", 500],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["2m30s250ms", 150_250],
    ["0s", 0],
  ];
  for (const [text, ms] of table) assert.equal(parseDuration(text), ms, text);
});

Deno.test("parseDuration() rejects text that is not a duration", () => {
  for (const text of ["5 minutes", "5", "-1s", "1.5m", "m", "", " 5m", "5M", "1d", "5m "]) {
    assert.throws(() => parseDuration(text), DurationError, JSON.stringify(text));
  }
  assert.throws(
    () => parseDuration("5 minutes"),
    { message: 'expected a duration like 500ms, 30s, 5m or 1h, found "5 minutes"' },
  );
});

Deno.test("formatDuration() is the inverse of parseDuration() in shortest form", () => {
  for (const text of ["0s", "500ms", "30s", "5m", "1h", "1h30m", "2m30s250ms"]) {
    assert.equal(formatDuration(parseDuration(text)), text);
  }
  assert.equal(formatDuration(90_000), "1m30s");
  assert.throws(() => formatDuration(-1), RangeError);
});
