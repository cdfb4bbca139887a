/** Shared set-up for local AWS tests: a server on a temp state dir and real SDK clients. */
import { ECSClient } from "@aws-sdk/client-ecs";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { ManualClock } from "./clock.ts";
import { type LocalAws, localAwsClientConfig, type LocalAwsOptions, startLocalAws } from "./mod.ts";

export const TEST_ACCOUNT = { accountId: "000000000001", region: "eu-west-1" };

export interface TestAws {
  readonly aws: LocalAws;
  readonly clock: ManualClock;
  readonly lambda: LambdaClient;
  readonly ecs: ECSClient;
  readonly stateDir: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Local AWS on a fresh temp dir with a manual clock, and SDK clients for TEST_ACCOUNT. */
export async function startTestAws(options: LocalAwsOptions = {}): Promise<TestAws> {
  const stateDir = options.stateDir ?? await Deno.makeTempDir({ prefix: "local-aws-test-" });
  const clock = new ManualClock();
  const aws = await startLocalAws({ clock, ...options, stateDir });
  const config = localAwsClientConfig(aws.endpoint, TEST_ACCOUNT);
  const lambda = new LambdaClient(config);
  const ecs = new ECSClient(config);
  return {
    aws,
    clock,
    lambda,
    ecs,
    stateDir,
    async [Symbol.asyncDispose]() {
      lambda.destroy();
      ecs.destroy();
      await aws.close();
      if (options.stateDir === undefined) await Deno.remove(stateDir, { recursive: true });
    },
  };
}

/** A deterministic ZIP holding one handler file whose text is `source`. */
export function zipOf(source: string): Uint8Array {
  return zipSync({ "index.mjs": strToU8(source) }, { mtime: new Date(Date.UTC(2020, 0, 1)) });
}

export const ROLE = `arn:aws:iam::${TEST_ACCOUNT.accountId}:role/ml-news-test`;
