/**
 * Connects the ports to an Environment's target: local AWS (in-process on an ephemeral loopback
 * port, or `LOCAL_AWS_ENDPOINT`) with the account id as access key id, or real AWS through
 * the standard credential chain in the Environment's region, once STS confirms the credentials
 * belong to the Environment's `accountId`.
 */
import type { Environment } from "../manifest/mod.ts";
import type { ArtifactStore } from "../artifact/artifact_store.ts";
import {
  type LocalArtifactOptions,
  localArtifacts,
  s3Artifacts,
} from "../artifact/artifact_store.ts";
import type { EcsPort } from "./ecs_port.ts";
import { createEcsPort } from "./ecs_sdk.ts";
import type { LambdaPort } from "./lambda_port.ts";
import { createLambdaPort } from "./lambda_sdk.ts";
import type { SdkOptions } from "./sdk_options.ts";
import { verifyAccount } from "./sts_sdk.ts";
import type { MetricProviders } from "../analysis/provider.ts";
import { localAwsProvider } from "../analysis/local_aws_provider.ts";
import { webProvider } from "../analysis/web_provider.ts";
import { prometheusProvider } from "../analysis/prometheus_provider.ts";
import { cloudWatchProvider } from "../analysis/cloudwatch_provider.ts";
import { createCloudWatchMetrics } from "./cloudwatch_metrics.ts";

export interface Target {
  /** `local AWS http://127.0.0.1:39211 (account 000000000001, eu-west-1)` */
  readonly description: string;
  readonly lambda: LambdaPort;
  readonly ecs: EcsPort;
  readonly artifacts: ArtifactStore;
  /** Analysis providers: local AWS's own metrics or CloudWatch, plus web and Prometheus. */
  readonly metrics: MetricProviders;
  close(): void;
}

export interface ConnectOptions {
  /** Repository root (for `dist/lambda/…`). */
  readonly root: string;
  /** Endpoint of local AWS; required for `target: local`. */
  readonly localEndpoint: () => Promise<string>;
  readonly onCall?: SdkOptions["onCall"];
  readonly maxAttempts?: number;
  readonly build?: LocalArtifactOptions["build"];
}

export async function connect(env: Environment, options: ConnectOptions): Promise<Target> {
  const { region, accountId } = env.spec;
  const common = {
    region,
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  let sdk: SdkOptions;
  let description: string;
  let artifacts: ArtifactStore;
  if (env.spec.target === "local") {
    const endpoint = await options.localEndpoint();
    sdk = {
      ...common,
      endpoint,
      credentials: { accessKeyId: accountId, secretAccessKey: "local" },
    };
    description = `local AWS ${endpoint} (account ${accountId}, ${region})`;
    artifacts = localArtifacts(options.root, options.build ? { build: options.build } : {});
  } else {
    sdk = common;
    // Before any port exists: credentials for another account never get to write.
    await verifyAccount({ environment: env.metadata.name, accountId }, sdk);
    description = `AWS account ${accountId}, ${region} (standard credential chain)`;
    artifacts = s3Artifacts();
  }
  const lambda = createLambdaPort(sdk);
  const ecs = createEcsPort(sdk);
  const local = env.spec.target === "local";
  const values = readEnv();
  const cloudWatch = local ? null : createCloudWatchMetrics(sdk);
  const metrics: MetricProviders = {
    web: webProvider({ env: values }),
    prometheus: prometheusProvider({ env: values }),
    ...(sdk.endpoint && local
      ? { localAws: localAwsProvider({ endpoint: sdk.endpoint, accountId }) }
      : {}),
    ...(cloudWatch ? { cloudWatch: cloudWatchProvider(cloudWatch, { env: values }) } : {}),
  };
  return {
    description,
    lambda,
    ecs,
    artifacts,
    metrics,
    close() {
      lambda.close();
      ecs.close();
      cloudWatch?.close();
    },
  };
}

/** The controller's environment, for `{{env.NAME}}` in provider URLs (none without permission). */
function readEnv(): Record<string, string> {
  try {
    return Deno.env.toObject();
  } catch {
    return {};
  }
}
