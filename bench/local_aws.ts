/**
 * Local AWS request cost through the real SDK clients: sequential latency (p50/p99) and
 * throughput at 1 and 16 concurrent callers for the hot read APIs the controller polls
 * (Lambda GetAlias, ECS DescribeServices), plus one write (UpdateAlias, which takes the
 * cross-process state lock and rewrites the account's state file).
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { localAwsClientConfig, startLocalAws } from "../local_aws/mod.ts";
import { percentile } from "./stats.ts";

const ACCOUNT = { accountId: "000000000001", region: "eu-west-1" };
const REQUESTS = 2000;

async function measure(
  label: string,
  call: () => Promise<unknown>,
  concurrency: number,
): Promise<void> {
  for (let i = 0; i < 50; i++) await call(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < REQUESTS) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${label.padEnd(18)} c=${String(concurrency).padEnd(3)} ${
      (REQUESTS / seconds).toFixed(0).padStart(6)
    } req/s  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${
      percentile(latencies, 99).toFixed(2)
    } ms`,
  );
}

export async function run(): Promise<void> {
  const stateDir = await Deno.makeTempDir({ prefix: "bench-local-aws-" });
  const aws = await startLocalAws({ stateDir });
  const config = localAwsClientConfig(aws.endpoint, ACCOUNT);
  const lambda = new LambdaClient(config);
  const ecs = new ECSClient(config);
  try {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "bench",
        Runtime: "nodejs22.x",
        Role: `arn:aws:iam::${ACCOUNT.accountId}:role/bench`,
        Handler: "index.handler",
        Code: { ZipFile: zipSync({ "index.mjs": strToU8("export const handler = () => 1;") }) },
      }),
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: "bench" }));
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "bench", Timeout: 9 }),
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: "bench" }));
    await lambda.send(
      new CreateAliasCommand({ FunctionName: "bench", Name: "live", FunctionVersion: "1" }),
    );
    await ecs.send(new CreateClusterCommand({ clusterName: "bench" }));
    const td = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "bench",
        containerDefinitions: [{ name: "app", image: "bench:1.0.0" }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: "bench",
        serviceName: "bench",
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
        desiredCount: 2,
      }),
    );

    console.log(`local AWS (${REQUESTS} requests per row, real SDK clients over HTTP)`);
    const getAlias = () =>
      lambda.send(new GetAliasCommand({ FunctionName: "bench", Name: "live" }));
    const describe = () =>
      ecs.send(new DescribeServicesCommand({ cluster: "bench", services: ["bench"] }));
    let weight = 0;
    const updateAlias = () =>
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: "bench",
          Name: "live",
          RoutingConfig: { AdditionalVersionWeights: { "2": (weight++ % 100) / 100 } },
        }),
      );
    for (const concurrency of [1, 16]) {
      await measure("GetAlias", getAlias, concurrency);
      await measure("DescribeServices", describe, concurrency);
      await measure("UpdateAlias", updateAlias, concurrency);
    }
  } finally {
    lambda.destroy();
    ecs.destroy();
    await aws.close();
    await Deno.remove(stateDir, { recursive: true });
  }
}

if (import.meta.main) await run();
