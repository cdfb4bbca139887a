/**
 * Local AWS: an embedded, wire-compatible emulator of the Lambda (REST-JSON) and ECS
 * (JSON 1.1) control planes for the unmodified AWS SDK clients, listening on 127.0.0.1.
 *
 * ```ts
 * import { startLocalAws, localAwsClientConfig } from "./local_aws/mod.ts";
 * const aws = await startLocalAws({ stateDir: "/tmp/state" });
 * // new LambdaClient(localAwsClientConfig(aws.endpoint, { accountId: "000000000001", region: "eu-west-1" }))
 * await aws.close();
 * ```
 */
import { type Clock, systemClock } from "./clock.ts";
import { type FaultRule, Faults } from "./faults.ts";
import { DEFAULT_ECS_TIMING, type EcsTiming } from "./ecs/timing.ts";
import {
  InvocationLog,
  type InvocationQuery,
  type VersionInvocationMetrics,
} from "./lambda/invocation_log.ts";
import { recordOnlyRuntime, type Runtime } from "./lambda/runtime.ts";
import { createLambdaService } from "./lambda/service.ts";
import { createApp } from "./server.ts";
import { StateStore } from "./store.ts";

export type { Clock } from "./clock.ts";
export { ManualClock, systemClock } from "./clock.ts";
export type { FaultKind, FaultRule } from "./faults.ts";
export type { EcsTiming } from "./ecs/timing.ts";
export type { InvocationQuery, VersionInvocationMetrics } from "./lambda/invocation_log.ts";
export type { InvocationRequest, InvocationResult, Runtime } from "./lambda/runtime.ts";
export { DEFAULT_ACCOUNT_ID } from "./account.ts";

/** `.local-aws/` in the repository root (git-ignored). */
export const DEFAULT_STATE_DIR = new URL("../.local-aws", import.meta.url).pathname;

export interface LocalAwsOptions {
  /** Where state lives; default `.local-aws/` in the repository root. */
  readonly stateDir?: string;
  /** TCP port on 127.0.0.1; default 0 (an ephemeral port). */
  readonly port?: number;
  /** Time source for timestamps and ECS progress; default the wall clock. */
  readonly clock?: Clock;
  /** Random source in [0, 1) for alias routing and fault rates; default Math.random. */
  readonly random?: () => number;
  /** Fault rules active from the start (more can be added with `faults.add`). */
  readonly faults?: readonly FaultRule[];
  /** Pace of simulated ECS time. */
  readonly timing?: Partial<EcsTiming>;
  /** Runs Lambda handlers; default records invocations and answers `{"statusCode":200}`. */
  readonly runtime?: Runtime;
}

export interface LocalAws {
  /** e.g. `http://127.0.0.1:43123`: the `endpoint` for the SDK clients. */
  readonly endpoint: string;
  readonly port: number;
  readonly stateDir: string;
  /** Inject (`faults.add(rule)`), list and clear (`faults.clear()`) faults at run time. */
  readonly faults: Pick<Faults, "add" | "clear" | "list">;
  /** Recorded Lambda invocations per executed version (CloudWatch's ExecutedVersion). */
  invocationMetrics(query: InvocationQuery): Promise<VersionInvocationMetrics[]>;
  /** Stops the server (and the runtime). */
  close(): Promise<void>;
}

/** Starts local AWS on 127.0.0.1. */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const store = new StateStore({ stateDir });
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const faults = new Faults(options.faults);
  const invocations = new InvocationLog(stateDir);
  const runtime = options.runtime ?? recordOnlyRuntime;
  const timing = { ...DEFAULT_ECS_TIMING, ...options.timing };
  const app = createApp({
    store,
    clock,
    random,
    timing,
    faults,
    invocations,
    restServices: [createLambdaService({ store, random, runtime, invocations })],
  });
  await Deno.mkdir(stateDir, { recursive: true });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} },
    app.fetch,
  );
  const port = server.addr.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stateDir,
    faults,
    invocationMetrics: (query) => invocations.query(query),
    async close() {
      await server.shutdown();
      await runtime.close?.();
    },
  };
}

/**
 * The SDK client configuration for an account of local AWS: endpoint, region and static
 * credentials whose access key id is the account id.
 */
export function localAwsClientConfig(
  endpoint: string,
  account: { accountId: string; region: string },
): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return {
    endpoint,
    region: account.region,
    credentials: { accessKeyId: account.accountId, secretAccessKey: "local-aws" },
  };
}

/** Deletes all local AWS state under `stateDir`. */
export async function resetLocalAws(stateDir: string = DEFAULT_STATE_DIR): Promise<void> {
  await new StateStore({ stateDir }).reset();
}
