import assert from "node:assert/strict";
import { iamActionOf, isReadAction, requiredActions } from "./iam_actions.ts";
import { opaqueSdkImports, sdkCalls } from "./sdk_calls.ts";

const SAMPLE = `
import {
  type ContainerDefinition,
  CreateServiceCommand,
  ECSClient,
  UpdateServiceCommand as Update,
} from "@aws-sdk/client-ecs";
import type { GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { InvokeCommand } from "@aws-sdk/client-lambda";
`;

async function withFile<T>(text: string, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ dir: new URL("../../", import.meta.url).pathname });
  const file = `${dir}/adapter.ts`;
  await Deno.writeTextFile(file, text);
  try {
    return await fn(file.slice(new URL("../../", import.meta.url).pathname.length));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("sdkCalls() reads value imports of Commands and skips types and clients", async () => {
  const calls = await withFile(SAMPLE, (file) => sdkCalls([file]));
  assert.deepEqual(calls.map((c) => `${c.client}:${c.command}`), [
    "ecs:CreateService",
    "ecs:UpdateService",
    "cloudwatch:GetMetricData",
    "lambda:Invoke",
  ]);
  assert.deepEqual(requiredActions(calls), [
    "cloudwatch:GetMetricData",
    "ecs:CreateService",
    "ecs:TagResource",
    "ecs:UpdateService",
    "lambda:InvokeFunction",
  ]);
});

Deno.test("opaqueSdkImports() flags SDK imports the scanner cannot read", async () => {
  const text =
    `import * as ecs from "@aws-sdk/client-ecs";\nconst s3 = await import("@aws-sdk/client-s3");\n`;
  const opaque = await withFile(text, (file) => opaqueSdkImports([file]));
  assert.equal(opaque.length, 2);
  assert.deepEqual(await withFile(SAMPLE, (file) => opaqueSdkImports([file])), []);
});

Deno.test("iamActionOf() renames the operations IAM names differently and knows free ones", () => {
  const at = (client: string, command: string) => iamActionOf({ client, command, file: "f.ts" });
  assert.equal(at("lambda", "Invoke"), "lambda:InvokeFunction");
  assert.equal(at("lambda", "UpdateAlias"), "lambda:UpdateAlias");
  assert.equal(at("sts", "GetCallerIdentity"), undefined);
  assert.throws(() => at("dynamodb", "PutItem"), /has no IAM prefix/);
  assert.ok(isReadAction("ecs:DescribeServices") && !isReadAction("ecs:UpdateService"));
});
