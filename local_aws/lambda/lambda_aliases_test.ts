import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  GetAliasCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListAliasesCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  paginateListVersionsByFunction,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { ROLE, startTestAws, TEST_ACCOUNT, type TestAws, zipOf } from "../test_support.ts";

/** A function with published versions 1..`versions`. */
async function withVersions(t: TestAws, versions: number): Promise<void> {
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: "fn",
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: zipOf("export const handler = () => 1;") },
    }),
  );
  for (let v = 1; v <= versions; v++) {
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "fn",
        Description: `d${v}`,
        Timeout: v,
      }),
    );
    await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
  }
}

const reject = (p: Promise<unknown>) => p.then(() => assert.fail("expected an error"), (e) => e);

Deno.test("CreateAlias returns 201 and GetAlias returns the weighted routing", async () => {
  await using t = await startTestAws();
  await withVersions(t, 2);
  const created = await t.lambda.send(
    new CreateAliasCommand({
      FunctionName: "fn",
      Name: "live",
      FunctionVersion: "1",
      RoutingConfig: { AdditionalVersionWeights: { "2": 0.1 } },
    }),
  );
  assert.equal(created.$metadata.httpStatusCode, 201);
  assert.equal(
    created.AliasArn,
    `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn:live`,
  );
  const got = await t.lambda.send(new GetAliasCommand({ FunctionName: "fn", Name: "live" }));
  assert.equal(got.FunctionVersion, "1");
  assert.deepEqual(got.RoutingConfig?.AdditionalVersionWeights, { "2": 0.1 });
  assert.equal(got.RevisionId, created.RevisionId);
});

Deno.test("CreateAlias of an existing alias fails with ResourceConflictException", async () => {
  await using t = await startTestAws();
  await withVersions(t, 1);
  await t.lambda.send(
    new CreateAliasCommand({ FunctionName: "fn", Name: "live", FunctionVersion: "1" }),
  );
  const error = await reject(
    t.lambda.send(
      new CreateAliasCommand({ FunctionName: "fn", Name: "live", FunctionVersion: "1" }),
    ),
  );
  assert.ok(error instanceof ResourceConflictException, String(error));
  assert.equal(error.$metadata.httpStatusCode, 409);
});

Deno.test("alias routing that Lambda forbids is rejected with the error Lambda returns", async () => {
  await using t = await startTestAws();
  await withVersions(t, 3);
  const cases: [string, Record<string, number>, string, new (...a: never[]) => Error][] = [
    ["1", { "2": 0.1, "3": 0.1 }, "three versions", InvalidParameterValueException],
    ["1", { "2": 1.5 }, "weight 1.5", InvalidParameterValueException],
    ["1", { "2": -0.1 }, "negative weight", InvalidParameterValueException],
    ["1", { "$LATEST": 0.1 }, "$LATEST in routing", InvalidParameterValueException],
    ["$LATEST", { "2": 0.1 }, "$LATEST primary with routing", InvalidParameterValueException],
    ["1", { "1": 0.5 }, "additional = primary", InvalidParameterValueException],
    ["1", { "9": 0.5 }, "missing additional version", ResourceNotFoundException],
    ["9", {}, "missing primary version", ResourceNotFoundException],
  ];
  for (const [primary, weights, label, type] of cases) {
    const error = await reject(
      t.lambda.send(
        new CreateAliasCommand({
          FunctionName: "fn",
          Name: "live",
          FunctionVersion: primary,
          RoutingConfig: { AdditionalVersionWeights: weights },
        }),
      ),
    );
    assert.ok(error instanceof type, `${label}: got ${error}`);
  }
  const aliases = await t.lambda.send(new ListAliasesCommand({ FunctionName: "fn" }));
  assert.deepEqual(aliases.Aliases, [], "no rejected alias was created");
});

Deno.test("UpdateAlias moves weights, changes RevisionId and rejects a stale RevisionId with 412", async () => {
  await using t = await startTestAws();
  await withVersions(t, 2);
  const created = await t.lambda.send(
    new CreateAliasCommand({ FunctionName: "fn", Name: "live", FunctionVersion: "1" }),
  );
  const canary = await t.lambda.send(
    new UpdateAliasCommand({
      FunctionName: "fn",
      Name: "live",
      RoutingConfig: { AdditionalVersionWeights: { "2": 0.5 } },
      RevisionId: created.RevisionId,
    }),
  );
  assert.deepEqual(canary.RoutingConfig?.AdditionalVersionWeights, { "2": 0.5 });
  assert.notEqual(canary.RevisionId, created.RevisionId);
  const stale = await reject(
    t.lambda.send(
      new UpdateAliasCommand({
        FunctionName: "fn",
        Name: "live",
        FunctionVersion: "2",
        RevisionId: created.RevisionId,
      }),
    ),
  );
  assert.ok(stale instanceof PreconditionFailedException, String(stale));
  assert.equal(stale.$metadata.httpStatusCode, 412);
  const promoted = await t.lambda.send(
    new UpdateAliasCommand({
      FunctionName: "fn",
      Name: "live",
      FunctionVersion: "2",
      RoutingConfig: { AdditionalVersionWeights: {} },
      RevisionId: canary.RevisionId,
    }),
  );
  assert.equal(promoted.FunctionVersion, "2");
  assert.equal(promoted.RoutingConfig, undefined);
});

Deno.test("ListAliases and DeleteAlias (204); a deleted alias is not found", async () => {
  await using t = await startTestAws();
  await withVersions(t, 1);
  for (const name of ["live", "beta"]) {
    await t.lambda.send(
      new CreateAliasCommand({ FunctionName: "fn", Name: name, FunctionVersion: "1" }),
    );
  }
  const listed = await t.lambda.send(new ListAliasesCommand({ FunctionName: "fn" }));
  assert.deepEqual(listed.Aliases?.map((a) => a.Name), ["beta", "live"]);
  const deleted = await t.lambda.send(new DeleteAliasCommand({ FunctionName: "fn", Name: "beta" }));
  assert.equal(deleted.$metadata.httpStatusCode, 204);
  const error = await reject(
    t.lambda.send(new GetAliasCommand({ FunctionName: "fn", Name: "beta" })),
  );
  assert.ok(error instanceof ResourceNotFoundException, String(error));
});

Deno.test("ListVersionsByFunction pages over 120 versions with Marker/MaxItems", async () => {
  await using t = await startTestAws();
  await withVersions(t, 120);
  const first = await t.lambda.send(
    new ListVersionsByFunctionCommand({ FunctionName: "fn", MaxItems: 500 }),
  );
  assert.equal(first.Versions?.length, 50, "Lambda returns at most 50 versions per page");
  assert.equal(first.Versions?.[0]?.Version, "$LATEST");
  const arn = `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn`;
  assert.equal(first.Versions?.[0]?.FunctionArn, `${arn}:$LATEST`);
  assert.equal(first.Versions?.[1]?.FunctionArn, `${arn}:1`);
  assert.ok(first.NextMarker);
  const all: string[] = [];
  for await (
    const page of paginateListVersionsByFunction({ client: t.lambda, pageSize: 50 }, {
      FunctionName: "fn",
    })
  ) {
    all.push(...(page.Versions ?? []).map((v) => v.Version ?? ""));
  }
  assert.deepEqual(all, ["$LATEST", ...Array.from({ length: 120 }, (_, i) => String(i + 1))]);
  const bad = await reject(
    t.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "fn", Marker: "garbage!" })),
  );
  assert.ok(bad instanceof InvalidParameterValueException, String(bad));
});

Deno.test("TagResource (204), ListTags and UntagResource (204) on a function ARN", async () => {
  await using t = await startTestAws();
  await withVersions(t, 0);
  const arn = `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn`;
  const tagged = await t.lambda.send(
    new TagResourceCommand({ Resource: arn, Tags: { "mlnews/revision": "sha256:abc", a: "1" } }),
  );
  assert.equal(tagged.$metadata.httpStatusCode, 204);
  assert.deepEqual((await t.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, {
    "mlnews/revision": "sha256:abc",
    a: "1",
  });
  const untagged = await t.lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ["a"] }));
  assert.equal(untagged.$metadata.httpStatusCode, 204);
  assert.deepEqual((await t.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, {
    "mlnews/revision": "sha256:abc",
  });
  const missing = await reject(t.lambda.send(new ListTagsCommand({ Resource: `${arn}-missing` })));
  assert.ok(missing instanceof ResourceNotFoundException, String(missing));
});

Deno.test("Invoke routes an alias by its weights and records metrics per executed version", async () => {
  const draws = [0.05, 0.5, 0.95, 0.09, 0.1];
  let i = 0;
  await using t = await startTestAws({ random: () => draws[i++ % draws.length]! });
  await withVersions(t, 2);
  await t.lambda.send(
    new CreateAliasCommand({
      FunctionName: "fn",
      Name: "live",
      FunctionVersion: "1",
      RoutingConfig: { AdditionalVersionWeights: { "2": 0.1 } },
    }),
  );
  const executed: string[] = [];
  for (let n = 0; n < 5; n++) {
    const out = await t.lambda.send(
      new InvokeCommand({
        FunctionName: "fn",
        Qualifier: "live",
        Payload: new TextEncoder().encode("{}"),
      }),
    );
    assert.equal(out.StatusCode, 200);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.Payload)), { statusCode: 200 });
    executed.push(out.ExecutedVersion ?? "");
  }
  assert.deepEqual(executed, ["2", "1", "1", "2", "1"]);
  const metrics = await t.aws.invocationMetrics({
    accountId: TEST_ACCOUNT.accountId,
    functionName: "fn",
  });
  assert.deepEqual(metrics.map((m) => [m.executedVersion, m.invocations, m.errors]), [["1", 3, 0], [
    "2",
    2,
    0,
  ]]);
  const tail = await t.lambda.send(new InvokeCommand({ FunctionName: "fn:1", LogType: "Tail" }));
  assert.match(
    atob(tail.LogResult ?? ""),
    /^START RequestId: .* Version: 1\n[\s\S]*REPORT RequestId/,
  );
  const event = await t.lambda.send(
    new InvokeCommand({ FunctionName: "fn:1", InvocationType: "Event" }),
  );
  assert.equal(event.StatusCode, 202);
  const missing = await reject(
    t.lambda.send(new InvokeCommand({ FunctionName: "fn", Qualifier: "nope" })),
  );
  assert.ok(missing instanceof ResourceNotFoundException, String(missing));
});
