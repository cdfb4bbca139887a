import assert from "node:assert/strict";
import { fakeSts, withAwsEndpoint } from "../aws/testing.ts";
import { systemClock } from "../clock.ts";
import { ExitCode } from "../exit_codes.ts";
import { VALID_REPO } from "../manifest/testing.ts";
import { reconcileOnce } from "./reconcile.ts";

Deno.test("reconcile exits 1 without any AWS write when target: aws credentials belong to another account", async () => {
  const sts = fakeSts("999999999999");
  const errors: string[] = [];
  const printed: string[] = [];
  const error = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  try {
    const code = await withAwsEndpoint(sts.endpoint, () =>
      reconcileOnce({
        root: VALID_REPO,
        environment: "staging",
        dryRun: false,
        watch: false,
        intervalMs: 30_000,
        logFormat: "text",
        metricsPort: 0,
        followTimeoutMs: 1_000,
        concurrency: 1,
      }, { clock: systemClock, print: (l) => printed.push(l) }));
    assert.equal(code, ExitCode.Error);
    assert.deepEqual(
      sts.requests,
      ["GetCallerIdentity"],
      "STS only: nothing read, nothing written",
    );
    assert.deepEqual(printed, []);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^reconcile: .*123456789012.*999999999999/);
  } finally {
    console.error = error;
    await sts.close();
  }
});
