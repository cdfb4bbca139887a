/**
 * What running the workloads in local AWS costs, measured in one run:
 * - a warm Lambda invocation round trip (trivial handler in its warm Deno subprocess):
 *   through the Runtime port alone, through the Invoke API with plain fetch, through the SDK,
 *   and through the alias's function URL;
 * - the load balancer's overhead: `POST /v1/classify` to a real inference task directly vs
 *   through the service's load balancer port, requests interleaved so both see the same
 *   machine state.
 * Sequential requests (one caller), p50/p99 in milliseconds.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { localAwsClientConfig, ManualClock, startLocalAws } from "../local_aws/mod.ts";
import { createProcessRuntime } from "../local_aws/runtime/mod.ts";
import { median, percentile } from "./stats.ts";

const ACCOUNT = { accountId: "000000000001", region: "eu-west-1" };
const N = 1000;
const WARM_UP = 100;

function summary(label: string, samples: number[]): string {
  const at = (p: number) => percentile(samples, p);
  return `  ${label.padEnd(34)} p50 ${at(50).toFixed(3)} ms  p99 ${at(99).toFixed(3)} ms`;
}

async function timeEach(call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await call();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function run(): Promise<void> {
  const stateDir = await Deno.makeTempDir({ prefix: "bench-workloads-" });
  const runtime = await createProcessRuntime();
  const clock = new ManualClock(Date.now());
  const aws = await startLocalAws({
    stateDir,
    clock,
    runtime,
    timing: { taskStartMs: 100 },
    workloads: { pollMs: 100 },
  });
  const config = localAwsClientConfig(aws.endpoint, ACCOUNT);
  const lambda = new LambdaClient(config);
  const ecs = new ECSClient(config);
  try {
    console.log(`workloads (sequential, ${N} requests after ${WARM_UP} warm-up)`);
    const zip = zipSync({ "index.mjs": strToU8("export const handler = async (e) => e;") });
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "bench",
        Runtime: "nodejs22.x",
        Role: `arn:aws:iam::${ACCOUNT.accountId}:role/bench`,
        Handler: "index.handler",
        Code: { ZipFile: zip },
        Publish: true,
      }),
    );
    await lambda.send(
      new CreateAliasCommand({ FunctionName: "bench", Name: "live", FunctionVersion: "1" }),
    );
    const payload = new TextEncoder().encode('{"ping":1}');
    const invokeUrl = `${aws.endpoint}/2015-03-31/functions/bench/invocations?Qualifier=live`;
    const authorization = `AWS4-HMAC-SHA256 Credential=${ACCOUNT.accountId}/20260101/` +
      `${ACCOUNT.region}/lambda/aws4_request, SignedHeaders=host, Signature=bench`;
    console.log(summary(
      "runtime port (warm subprocess)",
      await timeEach(() =>
        runtime.invoke({
          accountId: ACCOUNT.accountId,
          region: ACCOUNT.region,
          functionName: "bench",
          functionArn: created.FunctionArn ?? "",
          version: "1",
          settings: {
            Runtime: "nodejs22.x",
            Role: created.Role ?? "",
            Handler: "index.handler",
            Description: "",
            Timeout: 3,
            MemorySize: 128,
            Architectures: ["x86_64"],
            PackageType: "Zip",
          },
          codeSha256: created.CodeSha256 ?? "",
          codePath: `${stateDir}/${ACCOUNT.accountId}/blobs/${
            [...atob(created.CodeSha256 ?? "")].map((c) =>
              c.charCodeAt(0).toString(16).padStart(2, "0")
            ).join("")
          }.zip`,
          payload,
          invocationType: "RequestResponse",
        })
      ),
    ));
    console.log(summary(
      "Invoke API (fetch)",
      await timeEach(async () => {
        const r = await fetch(invokeUrl, {
          method: "POST",
          headers: { authorization },
          body: payload,
        });
        await r.arrayBuffer();
      }),
    ));
    console.log(summary(
      "Invoke API (SDK InvokeCommand)",
      await timeEach(() =>
        lambda.send(
          new InvokeCommand({ FunctionName: "bench", Qualifier: "live", Payload: payload }),
        )
      ),
    ));
    let functionUrl: string | undefined;
    while (!(functionUrl = aws.endpoints().functionUrls[0]?.url)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(summary(
      "function URL (GET /)",
      await timeEach(async () => {
        const r = await fetch(`${functionUrl}/`);
        await r.arrayBuffer();
      }),
    ));

    const model = (await Deno.readTextFile(new URL("../ml/models/CURRENT", import.meta.url)))
      .trim();
    await ecs.send(new CreateClusterCommand({ clusterName: "bench" }));
    const td = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "ml-news-inference",
        containerDefinitions: [{
          name: "inference",
          image: `ml-news-inference:${model}`,
          portMappings: [{ containerPort: 8080 }],
          environment: [{ name: "LOG_LEVEL", value: "warn" }],
        }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: "bench",
        serviceName: "ml-news-inference",
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
      }),
    );
    clock.advance(100);
    let task;
    while (!(task = aws.tasks().find((t) => t.health === "HEALTHY"))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const lb = aws.endpoints().loadBalancers[0]!.url;
    const body = JSON.stringify({
      title: "Stocks rally as oil prices fall",
      text:
        "Shares rose on Wall Street after crude oil futures dropped and earnings beat forecasts.",
    });
    const classify = async (base: string) => {
      const r = await fetch(`${base}/v1/classify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      await r.arrayBuffer();
    };
    const direct: number[] = [];
    const balanced: number[] = [];
    for (let i = 0; i < WARM_UP; i++) {
      await classify(`http://127.0.0.1:${task.port}`);
      await classify(lb);
    }
    for (let i = 0; i < N; i++) {
      for (
        const [base, samples] of [[`http://127.0.0.1:${task.port}`, direct], [
          lb,
          balanced,
        ]] as const
      ) {
        const t0 = performance.now();
        await classify(base);
        samples.push(performance.now() - t0);
      }
    }
    console.log(summary("inference task directly", direct));
    console.log(summary("inference through load balancer", balanced));
    console.log(
      `  load balancer overhead at p50: ${(median(balanced) - median(direct)).toFixed(3)} ms`,
    );
  } finally {
    lambda.destroy();
    ecs.destroy();
    await aws.close();
    await Deno.remove(stateDir, { recursive: true });
  }
}

if (import.meta.main) await run();
