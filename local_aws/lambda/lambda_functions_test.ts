import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { ROLE, startTestAws, TEST_ACCOUNT, zipOf } from "../test_support.ts";

const create = (name: string, source = "export const handler = () => 1;") =>
  new CreateFunctionCommand({
    FunctionName: name,
    Runtime: "nodejs22.x",
    Role: ROLE,
    Handler: "index.handler",
    Code: { ZipFile: zipOf(source) },
    Environment: { Variables: { LOG_LEVEL: "info" } },
    Tags: { team: "ml" },
  });

async function sha256Base64(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return btoa(String.fromCharCode(...digest));
}

Deno.test("CreateFunction returns 201 with the ZIP's CodeSha256 and the account's ARN", async () => {
  await using t = await startTestAws();
  const out = await t.lambda.send(create("ml-news-feedback"));
  assert.equal(out.$metadata.httpStatusCode, 201);
  assert.equal(
    out.FunctionArn,
    `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:ml-news-feedback`,
  );
  assert.equal(out.Version, "$LATEST");
  assert.equal(out.CodeSha256, await sha256Base64(zipOf("export const handler = () => 1;")));
  assert.equal(out.Timeout, 3);
  assert.equal(out.MemorySize, 128);
  assert.match(out.RevisionId ?? "", /^[0-9a-f-]{36}$/);
  assert.match(out.LastModified ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
});

Deno.test("CreateFunction of an existing name fails with ResourceConflictException (409)", async () => {
  await using t = await startTestAws();
  await t.lambda.send(create("fn"));
  const error = await t.lambda.send(create("fn")).catch((e) => e);
  assert.ok(error instanceof ResourceConflictException, String(error));
  assert.equal(error.$metadata.httpStatusCode, 409);
  assert.match(error.message, /Function already exist: fn/);
});

Deno.test("CreateFunction rejects a body that is not a ZIP with InvalidParameterValueException", async () => {
  await using t = await startTestAws();
  const error = await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: "fn",
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: new TextEncoder().encode("not a zip") },
    }),
  ).catch((e) => e);
  assert.ok(error instanceof InvalidParameterValueException, String(error));
  assert.match(error.message, /Could not unzip/);
});

Deno.test("GetFunction of a missing function fails with ResourceNotFoundException (404)", async () => {
  await using t = await startTestAws();
  const error = await t.lambda.send(new GetFunctionCommand({ FunctionName: "nope" })).catch((e) =>
    e
  );
  assert.ok(error instanceof ResourceNotFoundException, String(error));
  assert.equal(error.$metadata.httpStatusCode, 404);
  assert.match(
    error.message,
    /Function not found: arn:aws:lambda:eu-west-1:000000000001:function:nope/,
  );
});

Deno.test("GetFunction returns configuration, code location and tags; accepts ARNs and qualifiers", async () => {
  await using t = await startTestAws();
  await t.lambda.send(create("fn"));
  await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
  const byArn = await t.lambda.send(
    new GetFunctionCommand({
      FunctionName: `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn`,
      Qualifier: "1",
    }),
  );
  assert.equal(byArn.Configuration?.Version, "1");
  assert.deepEqual(byArn.Tags, { team: "ml" });
  assert.equal(byArn.Code?.RepositoryType, "S3");
  const arn = `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn`;
  assert.equal(byArn.Configuration?.FunctionArn, `${arn}:1`);
  await t.lambda.send(
    new CreateAliasCommand({ FunctionName: "fn", Name: "live", FunctionVersion: "1" }),
  );
  const viaAlias = await t.lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: "fn", Qualifier: "live" }),
  );
  assert.equal(viaAlias.Version, "1");
  assert.equal(viaAlias.FunctionArn, `${arn}:live`, "read through an alias: the alias ARN");
  const byName = await t.lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: "fn:$LATEST" }),
  );
  assert.equal(byName.Version, "$LATEST");
  assert.deepEqual(byName.Environment?.Variables, { LOG_LEVEL: "info" });
});

Deno.test("UpdateFunctionConfiguration changes RevisionId and rejects a stale one with 412", async () => {
  await using t = await startTestAws();
  const created = await t.lambda.send(create("fn"));
  const updated = await t.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: "fn",
      Timeout: 30,
      RevisionId: created.RevisionId,
    }),
  );
  assert.equal(updated.Timeout, 30);
  assert.notEqual(updated.RevisionId, created.RevisionId);
  const error = await t.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: "fn",
      Timeout: 40,
      RevisionId: created.RevisionId,
    }),
  ).catch((e) => e);
  assert.ok(error instanceof PreconditionFailedException, String(error));
  assert.equal(error.$metadata.httpStatusCode, 412);
  const now = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "fn" }));
  assert.equal(now.Timeout, 30, "a rejected write changes nothing");
});

Deno.test("UpdateFunctionCode replaces the code, honours RevisionId and can publish", async () => {
  await using t = await startTestAws();
  const created = await t.lambda.send(create("fn"));
  const zip = zipOf("export const handler = () => 2;");
  const stale = await t.lambda.send(
    new UpdateFunctionCodeCommand({ FunctionName: "fn", ZipFile: zip, RevisionId: "stale" }),
  ).catch((e) => e);
  assert.ok(stale instanceof PreconditionFailedException, String(stale));
  const out = await t.lambda.send(
    new UpdateFunctionCodeCommand({
      FunctionName: "fn",
      ZipFile: zip,
      Publish: true,
      RevisionId: created.RevisionId,
    }),
  );
  assert.equal(out.Version, "1");
  assert.equal(out.CodeSha256, await sha256Base64(zip));
  assert.notEqual(out.CodeSha256, created.CodeSha256);
});

Deno.test("PublishVersion makes a version only when code or configuration changed", async () => {
  await using t = await startTestAws();
  await t.lambda.send(create("fn"));
  const v1 = await t.lambda.send(
    new PublishVersionCommand({ FunctionName: "fn", Description: "first" }),
  );
  assert.equal(v1.$metadata.httpStatusCode, 201);
  assert.equal(v1.Version, "1");
  assert.equal(v1.Description, "first");
  const again = await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
  assert.equal(again.Version, "1", "nothing changed: the existing version comes back");
  await t.lambda.send(
    new UpdateFunctionConfigurationCommand({ FunctionName: "fn", MemorySize: 256 }),
  );
  const v2 = await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
  assert.equal(v2.Version, "2");
  assert.equal(v2.MemorySize, 256);
  assert.equal(v2.FunctionArn, `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn:2`);
});

Deno.test("PublishVersion with a CodeSha256 other than $LATEST's fails and publishes nothing", async () => {
  await using t = await startTestAws();
  const created = await t.lambda.send(create("fn"));
  const error = await t.lambda.send(
    new PublishVersionCommand({ FunctionName: "fn", CodeSha256: "AAAA" }),
  ).catch((e) => e);
  assert.ok(error instanceof InvalidParameterValueException, String(error));
  assert.match(error.message, /CodeSHA256 \(AAAA\) is different/);
  const ok = await t.lambda.send(
    new PublishVersionCommand({ FunctionName: "fn", CodeSha256: created.CodeSha256 }),
  );
  assert.equal(ok.Version, "1");
  const stale = await t.lambda.send(
    new PublishVersionCommand({ FunctionName: "fn", RevisionId: "old" }),
  ).catch((e) => e);
  assert.ok(stale instanceof PreconditionFailedException, String(stale));
});
