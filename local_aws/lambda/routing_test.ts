import assert from "node:assert/strict";
import { AwsError } from "../aws_error.ts";
import { validateRouting } from "./aliases.ts";
import type { FunctionRecord, VersionRecord } from "./model.ts";
import { pickVersion } from "./routing.ts";

const ctx = { accountId: "000000000001", region: "eu-west-1", now: 0 };
const version = (v: string): VersionRecord => ({
  version: v,
  settings: {
    Role: "r",
    Description: "",
    Timeout: 3,
    MemorySize: 128,
    Architectures: ["x86_64"],
    PackageType: "Zip",
  },
  code: { CodeSha256: "x", CodeSize: 1, blobKey: "k" },
  lastModified: "",
  revisionId: "r",
});
const fn: FunctionRecord = {
  name: "fn",
  latest: version("$LATEST"),
  published: [version("1"), version("2")],
  nextVersion: 3,
  aliases: {},
  tags: {},
};

Deno.test("pickVersion() sends a draw below the weight to the additional version", () => {
  const alias = {
    name: "live",
    functionVersion: "1",
    description: "",
    weights: { "2": 0.25 },
    revisionId: "r",
  };
  assert.deepEqual([0, 0.2499, 0.25, 0.9].map((r) => pickVersion(alias, () => r)), [
    "2",
    "2",
    "1",
    "1",
  ]);
  assert.equal(pickVersion({ ...alias, weights: undefined } as never, () => 0), "1");
});

Deno.test("validateRouting() accepts Lambda's valid routing and names the problem otherwise", () => {
  assert.deepEqual(validateRouting(ctx, fn, { primary: "1", weights: { "2": 0.1 } }), { "2": 0.1 });
  assert.equal(validateRouting(ctx, fn, { primary: "$LATEST", weights: {} }), undefined);
  const fails = (weights: Record<string, unknown>, code: string, message: RegExp, primary = "1") =>
    assert.throws(
      () => validateRouting(ctx, fn, { primary, weights }),
      (e: unknown) => e instanceof AwsError && e.code === code && message.test(e.message),
    );
  fails({ "2": 1.5 }, "InvalidParameterValueException", /between 0.0 and 1.0/);
  fails({ "2": "0.5" }, "InvalidParameterValueException", /between 0.0 and 1.0/);
  fails({ "2": 0.1, "1": 0.1 }, "InvalidParameterValueException", /cannot be greater than 1/);
  fails({ "$LATEST": 0.1 }, "InvalidParameterValueException", /\$LATEST is not supported/);
  fails({ "1": 0.1 }, "InvalidParameterValueException", /must not name the same version/);
  fails({ "7": 0.1 }, "ResourceNotFoundException", /function:fn:7/);
});
