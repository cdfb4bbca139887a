import assert from "node:assert/strict";
import { join } from "node:path";
import { loadRepo } from "../manifest/mod.ts";
import { VALID_REPO } from "../manifest/testing.ts";
import { AccountMismatchError, callerAccount, verifyAccount } from "./sts_sdk.ts";
import { connect } from "./target.ts";
import { fakeSts, withAwsEndpoint } from "./testing.ts";

const options = (endpoint: string) => ({
  region: "eu-west-1",
  endpoint,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
});

Deno.test("callerAccount() reads the account of GetCallerIdentity (AWS Query protocol)", async () => {
  const sts = fakeSts("123456789012");
  try {
    assert.equal(await callerAccount(options(sts.endpoint)), "123456789012");
    assert.deepEqual(sts.requests, ["GetCallerIdentity"]);
  } finally {
    await sts.close();
  }
});

Deno.test("verifyAccount() resolves when the credentials belong to the Environment's account", async () => {
  const sts = fakeSts("123456789012");
  try {
    await verifyAccount(
      { environment: "staging", accountId: "123456789012" },
      options(sts.endpoint),
    );
  } finally {
    await sts.close();
  }
});

Deno.test("verifyAccount() refuses another account, naming both account ids", async () => {
  const sts = fakeSts("999999999999");
  try {
    await assert.rejects(
      verifyAccount({ environment: "staging", accountId: "123456789012" }, options(sts.endpoint)),
      (error: unknown) => {
        assert.ok(error instanceof AccountMismatchError);
        assert.match(error.message, /account 123456789012 .*account 999999999999/);
        assert.match(error.message, /"staging"/);
        return true;
      },
    );
  } finally {
    await sts.close();
  }
});

const staging = async () => {
  const { repo } = await loadRepo(VALID_REPO);
  const env = repo.environments.get("staging");
  assert.equal(env?.spec.target, "aws");
  return env!;
};
const connectOptions = {
  root: join(VALID_REPO),
  localEndpoint: () => Promise.reject(new Error("target: aws never starts local AWS")),
};

Deno.test("connect() to target: aws checks the account with STS before creating any port", async () => {
  const sts = fakeSts("123456789012");
  try {
    const target = await withAwsEndpoint(
      sts.endpoint,
      async () => connect(await staging(), connectOptions),
    );
    target.close();
    assert.equal(
      target.description,
      "AWS account 123456789012, us-east-1 (standard credential chain)",
    );
    assert.deepEqual(sts.requests, ["GetCallerIdentity"]);
  } finally {
    await sts.close();
  }
});

Deno.test("connect() to target: aws refuses credentials of another account, calling nothing else", async () => {
  const sts = fakeSts("999999999999");
  try {
    await withAwsEndpoint(sts.endpoint, async () => {
      await assert.rejects(connect(await staging(), connectOptions), AccountMismatchError);
    });
    assert.deepEqual(sts.requests, ["GetCallerIdentity"]);
  } finally {
    await sts.close();
  }
});
