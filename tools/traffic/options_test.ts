import assert from "node:assert/strict";
import { parseDuration, parseTrafficOptions, TrafficOptionsError } from "./options.ts";

Deno.test("parseTrafficOptions() bounds the run by rate × duration and the request cap", () => {
  const options = parseTrafficOptions([
    "--rate",
    "50",
    "--duration",
    "2m",
    "--max-requests",
    "1000",
  ]);
  assert.equal(options.rate, 50);
  assert.equal(options.durationMs, 120_000);
  assert.equal(options.maxRequests, 1000);
  assert.equal(parseTrafficOptions(["--rate", "10", "--duration", "3s"]).maxRequests, 30);
  assert.equal(
    parseTrafficOptions(["--rate", "10", "--duration", "3s", "--max-requests", "99"]).maxRequests,
    30,
    "the cap never raises the planned count",
  );
});

Deno.test("parseTrafficOptions() rejects non-loopback endpoints, excessive rates and durations with the reason", () => {
  const cases: [string[], RegExp][] = [
    [["--endpoint", "http://10.0.0.5:4566"], /--endpoint: only loopback http URLs/],
    [["--endpoint", "https://127.0.0.1:4566"], /--endpoint: only loopback http URLs/],
    [["--rate", "5000"], /--rate: expected a number from 0.1 to 500, found 5000/],
    [["--duration", "11m"], /--duration: expected more than 0 and at most 10m, found 11m/],
    [["--duration", "soon"], /--duration: expected e\.g\. 30s/],
    [["--account", "dev"], /--account: expected a 12-digit account id/],
    [["--feedback-share", "2"], /--feedback-share: expected a number from 0 to 1/],
    [["--rat", "5"], /Unknown option '--rat'/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseTrafficOptions(args), (e) => {
      assert.ok(e instanceof TrafficOptionsError);
      assert.match(e.message, message);
      return true;
    });
  }
});

Deno.test("parseDuration() reads ms, s and m", () => {
  assert.equal(parseDuration("500ms"), 500);
  assert.equal(parseDuration("1.5s"), 1500);
  assert.equal(parseDuration("2m"), 120_000);
});
