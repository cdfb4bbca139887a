/**
 * The step machine, the analysis providers and the controller's Lambda adapter together
 * against local AWS: one-shot passes (state read back from the alias description every time,
 * as a controller run from CI every minute), real invocations routed by the alias weights,
 * controller kills between decision and write, and a simulated clock.
 */
import assert from "node:assert/strict";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import {
  ROLE,
  startTestAws,
  TEST_ACCOUNT,
  type TestAws,
  zipOf,
} from "../../local_aws/test_support.ts";
import { localAwsProvider } from "../analysis/local_aws_provider.ts";
import { measureMetrics } from "../analysis/measure.ts";
import { createLambdaPort } from "../aws/lambda_sdk.ts";
import type { LambdaPort, Routing } from "../aws/lambda_port.ts";
import { decide } from "./machine.ts";
import { recordRolloutMeasurements } from "./record.ts";
import {
  decodeRolloutState,
  encodeRolloutState,
  fieldsToText,
  textToFields,
} from "./state_codec.ts";
import { NEW, OLD, repoStrategy, repoTemplates } from "./testing.ts";

const FN = "ml-news-feedback";
const templates = await repoTemplates();
const strategy = await repoStrategy("dev/feedback");
const context = { strategy, templates };

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Local AWS where version 2 fails `failRate` of its invocations; `live` serves version 1. */
async function world(
  failRate: number,
): Promise<{ t: TestAws; lambda: LambdaPort & { close(): void } }> {
  const fail = prng(7);
  const t = await startTestAws({
    random: prng(11),
    runtime: {
      invoke: (request) =>
        Promise.resolve({
          payload: new TextEncoder().encode('{"statusCode":200}'),
          ...(request.version === "2" && fail() < failRate
            ? { functionError: "Unhandled" as const }
            : {}),
        }),
    },
  });
  const lambda = createLambdaPort({
    region: TEST_ACCOUNT.region,
    endpoint: t.aws.endpoint,
    credentials: { accessKeyId: TEST_ACCOUNT.accountId, secretAccessKey: "local-aws" },
    maxAttempts: 1,
  });
  const zip = zipOf("export const handler = () => ({ statusCode: 200 });");
  const config = {
    runtime: "nodejs22.x",
    handler: "index.handler",
    memorySize: 128,
    timeout: 3,
    roleArn: ROLE,
    environment: {},
    description: "",
  };
  await lambda.createFunction(FN, { config, code: { zipFile: zip }, tags: {} });
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", zip as Uint8Array<ArrayBuffer>),
  );
  const codeSha256 = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
  await lambda.publishVersion(FN, { codeSha256, description: OLD });
  await lambda.updateFunctionConfiguration(FN, { ...config, timeout: 4 });
  await lambda.publishVersion(FN, { codeSha256, description: NEW });
  await lambda.createAlias(FN, "live", { routing: { primary: "1", extra: null }, description: "" });
  return { t, lambda };
}

const VERSION_OF: Record<string, string> = { [OLD]: "1", [NEW]: "2" };
const REVISION_OF: Record<string, string> = { "1": OLD, "2": NEW };

/** Runs one-shot controller passes until the rollout is done, quarantined or held. */
async function rollOut(t: TestAws, lambda: LambdaPort, options: { killRate: number }) {
  const kill = prng(3);
  const weights: string[] = [];
  let kills = 0;
  for (let pass = 0; pass < 400; pass++) {
    const alias = (await lambda.getAlias(FN, "live"))!;
    const fields = alias.description === "" ? null : textToFields(alias.description);
    const state = fields ? decodeRolloutState(fields, context) : null;
    const canaryWeight = alias.routing.primary === "2" ? 100 : alias.routing.extra?.weight ?? 0;
    const now = t.clock.now();
    const decision = decide({
      revision: NEW,
      stableRevision: REVISION_OF[alias.routing.primary]!,
      observedWeight: canaryWeight,
      strategy,
      templates,
      state,
      now,
    });
    if (kill() < options.killRate && decision.kind !== "wait") {
      kills++; // the controller dies before acting; the next pass starts from AWS state
      continue;
    }
    const write = async (routing: Routing, next = decision.state) => {
      const description = fieldsToText(encodeRolloutState(next, context));
      assert.ok(description.length <= 256, `${description.length} chars: ${description}`);
      await lambda.updateAlias(FN, "live", { routing, description, revisionId: alias.revisionId });
    };
    switch (decision.kind) {
      case "setWeight":
        weights.push(`${decision.weight}%`);
        await write({ primary: "1", extra: { version: "2", weight: decision.weight } });
        break;
      case "promote":
        weights.push("promote");
        await write({ primary: "2", extra: null });
        break;
      case "rollback":
        weights.push("rollback");
        await write({ primary: VERSION_OF[OLD]!, extra: null });
        break;
      case "measure": {
        const measured = await measureMetrics(decision.metrics, {
          providers: {
            localAws: localAwsProvider({
              endpoint: t.aws.endpoint,
              accountId: TEST_ACCOUNT.accountId,
            }),
          },
          target: { functionName: FN, alias: "live" },
          versions: { canary: "2", stable: "1" },
          now,
        });
        await write(alias.routing, recordRolloutMeasurements(decision, measured));
        break;
      }
      case "wait": {
        // Users call the alias meanwhile; then time passes until the machine's next moment.
        await Promise.all(
          Array.from(
            { length: 250 },
            () => t.lambda.send(new InvokeCommand({ FunctionName: FN, Qualifier: "live" })),
          ),
        );
        t.clock.advance(decision.until - now);
        break;
      }
      default:
        return { weights, last: decision, kills, alias: (await lambda.getAlias(FN, "live"))! };
    }
  }
  throw new Error(`no end: ${weights.join(" ")}`);
}

Deno.test("a healthy revision rolls out through every step against local AWS despite kills", async () => {
  const { t, lambda } = await world(0);
  try {
    const result = await rollOut(t, lambda, { killRate: 0.25 });
    assert.deepEqual(result.weights, ["10%", "50%", "promote"]);
    assert.equal(result.last.kind, "done");
    assert.deepEqual(result.alias.routing, { primary: "2", extra: null });
    assert.ok(result.kills >= 3, `${result.kills} kills`);
  } finally {
    lambda.close();
    await t[Symbol.asyncDispose]();
  }
});

Deno.test("a revision failing 20 % of invocations is rolled back in one write and quarantined", async () => {
  const { t, lambda } = await world(0.2);
  try {
    const result = await rollOut(t, lambda, { killRate: 0.25 });
    assert.deepEqual(result.weights, ["10%", "rollback"]);
    assert.equal(result.last.kind, "quarantined");
    assert.deepEqual(result.alias.routing, { primary: "1", extra: null });
    const persisted = decodeRolloutState(textToFields(result.alias.description), context);
    assert.equal(persisted.phase, "RolledBack");
    assert.deepEqual(persisted.failure && [persisted.failure.reason, persisted.failure.metric], [
      "analysis",
      "lambda-error-rate/error-rate",
    ]);
    const errorRate = persisted.analysis?.metrics["lambda-error-rate/error-rate"];
    assert.ok(errorRate && errorRate.failed === 2, JSON.stringify(errorRate));
    assert.ok((errorRate.last?.value ?? 0) > 0.05 && errorRate.last?.stableValue === 0);
    // Later passes leave it alone.
    const again = await rollOut(t, lambda, { killRate: 0 });
    assert.deepEqual(again.weights, []);
    assert.equal(again.last.kind, "quarantined");
  } finally {
    lambda.close();
    await t[Symbol.asyncDispose]();
  }
});
