import assert from "node:assert/strict";
import { CreateClusterCommand, ECSClient, ListServicesCommand } from "@aws-sdk/client-ecs";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  LambdaClient,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateAliasCommand,
} from "@aws-sdk/client-lambda";
import { accountFromAuthorization } from "./account.ts";
import { localAwsClientConfig } from "./mod.ts";
import { ROLE, startTestAws, TEST_ACCOUNT, zipOf } from "./test_support.ts";

const createFn = (name: string, role = ROLE) =>
  new CreateFunctionCommand({
    FunctionName: name,
    Runtime: "nodejs22.x",
    Role: role,
    Handler: "index.handler",
    Code: { ZipFile: zipOf("export const handler = () => 1;") },
  });

Deno.test("accountFromAuthorization() takes a 12-digit access key id as the account, else 000000000000", () => {
  const header = (akid: string) =>
    `AWS4-HMAC-SHA256 Credential=${akid}/20260101/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=abc`;
  assert.deepEqual(accountFromAuthorization(header("000000000002")), {
    accountId: "000000000002",
    region: "eu-west-1",
  });
  assert.deepEqual(accountFromAuthorization(header("AKIDEXAMPLE")), {
    accountId: "000000000000",
    region: "eu-west-1",
  });
  assert.deepEqual(accountFromAuthorization(undefined), {
    accountId: "000000000000",
    region: "us-east-1",
  });
});

Deno.test("each access key id account has its own resources and ARNs", async () => {
  await using t = await startTestAws();
  const production = new LambdaClient(
    localAwsClientConfig(t.aws.endpoint, { accountId: "000000000002", region: "eu-west-1" }),
  );
  try {
    await t.lambda.send(createFn("ml-news-feedback"));
    const missing = await production.send(
      new GetFunctionCommand({ FunctionName: "ml-news-feedback" }),
    ).catch((e) => e);
    assert.ok(
      missing instanceof ResourceNotFoundException,
      "production does not see dev's function",
    );
    const created = await production.send(
      createFn("ml-news-feedback", "arn:aws:iam::000000000002:role/r"),
    );
    assert.equal(
      created.FunctionArn,
      "arn:aws:lambda:eu-west-1:000000000002:function:ml-news-feedback",
    );
  } finally {
    production.destroy();
  }
});

Deno.test("state survives a restart on the same state directory", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "local-aws-restart-" });
  try {
    {
      await using t = await startTestAws({ stateDir });
      await t.lambda.send(createFn("fn"));
      await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
      await t.lambda.send(
        new CreateAliasCommand({ FunctionName: "fn", Name: "live", FunctionVersion: "1" }),
      );
      await t.ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    }
    await using again = await startTestAws({ stateDir });
    const alias = await again.lambda.send(
      new GetAliasCommand({ FunctionName: "fn", Name: "live" }),
    );
    assert.equal(alias.FunctionVersion, "1");
    const services = await again.ecs.send(new ListServicesCommand({ cluster: "c" }));
    assert.deepEqual(services.serviceArns, []);
  } finally {
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("concurrent writes from two servers on one state dir lose nothing", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "local-aws-shared-" });
  try {
    await using a = await startTestAws({ stateDir });
    await using b = await startTestAws({ stateDir });
    await a.lambda.send(createFn("fn"));
    const arn = `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT.accountId}:function:fn`;
    await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) =>
          (i % 2 ? a : b).lambda.send(
            new TagResourceCommand({ Resource: arn, Tags: { [`k${i}`]: String(i) } }),
          ),
      ),
    );
    const fn = await b.lambda.send(new GetFunctionCommand({ FunctionName: "fn" }));
    assert.equal(Object.keys(fn.Tags ?? {}).length, 40);
  } finally {
    await Deno.remove(stateDir, { recursive: true });
  }
});

Deno.test("of two concurrent alias writes with the same RevisionId exactly one wins", async () => {
  await using t = await startTestAws();
  await t.lambda.send(createFn("fn"));
  await t.lambda.send(new PublishVersionCommand({ FunctionName: "fn" }));
  const alias = await t.lambda.send(
    new CreateAliasCommand({ FunctionName: "fn", Name: "live", FunctionVersion: "1" }),
  );
  const write = (description: string) =>
    t.lambda.send(
      new UpdateAliasCommand({
        FunctionName: "fn",
        Name: "live",
        Description: description,
        RevisionId: alias.RevisionId,
      }),
    )
      .then(() => "ok", (e) => e);
  const results = await Promise.all([write("a"), write("b"), write("c")]);
  assert.equal(results.filter((r) => r === "ok").length, 1);
  assert.equal(results.filter((r) => r instanceof PreconditionFailedException).length, 2);
});

Deno.test("a separate process reaches `deno task local-aws`'s server through the SDK", async () => {
  const stateDir = await Deno.makeTempDir({ prefix: "local-aws-main-" });
  const server = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-net=127.0.0.1",
      "local_aws/main.ts",
      "--port",
      "0",
      "--state-dir",
      stateDir,
    ],
    cwd: new URL("..", import.meta.url).pathname,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  try {
    const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let banner = "";
    while (!/listening on (\S+)/.test(banner)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`server exited: ${banner}`);
      banner += value;
    }
    await reader.cancel();
    const endpoint = /listening on (\S+)/.exec(banner)![1]!;
    const ecs = new ECSClient(localAwsClientConfig(endpoint, TEST_ACCOUNT));
    try {
      const out = await ecs.send(new CreateClusterCommand({ clusterName: "from-another-process" }));
      assert.equal(
        out.cluster?.clusterArn,
        `arn:aws:ecs:eu-west-1:${TEST_ACCOUNT.accountId}:cluster/from-another-process`,
      );
    } finally {
      ecs.destroy();
    }
  } finally {
    server.kill("SIGTERM");
    assert.equal((await server.status).code, 0);
    await Deno.remove(stateDir, { recursive: true });
  }
});
