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
import { accountsWithState } from "./state_accounts.ts";
import { type TaskInfo, TaskSupervisor } from "./ecs_runtime/task_supervisor.ts";
import { type FunctionUrl, FunctionUrls } from "./function_urls/function_urls.ts";
import { renderMetrics, type TaskGauge } from "./runtime/prometheus.ts";

export type { Clock } from "./clock.ts";
export { ManualClock, systemClock } from "./clock.ts";
export type { FaultKind, FaultRule } from "./faults.ts";
export type { EcsTiming } from "./ecs/timing.ts";
export type { InvocationQuery, VersionInvocationMetrics } from "./lambda/invocation_log.ts";
export type { InvocationRequest, InvocationResult, Runtime } from "./lambda/runtime.ts";
export { DEFAULT_ACCOUNT_ID } from "./account.ts";
export type { TaskInfo } from "./ecs_runtime/task_supervisor.ts";
export type { FunctionUrl } from "./function_urls/function_urls.ts";
export { createProcessRuntime, type ProcessRuntime } from "./runtime/mod.ts";

const REPO_ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

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
  /**
   * Runs Lambda handlers; default records invocations and answers `{"statusCode":200}`.
   * `createProcessRuntime()` runs them for real.
   */
  readonly runtime?: Runtime;
  /**
   * Runs the workloads: ECS tasks as local processes behind a load balancer port per service,
   * and a function URL per Lambda alias. Absent: tasks stay simulated (no processes).
   */
  readonly workloads?: WorkloadOptions;
}

export interface WorkloadOptions {
  /** Repository root, the working directory of task commands; default this repository. */
  readonly root?: string;
  /** How often desired tasks and aliases are re-read; default 250 ms. */
  readonly pollMs?: number;
  /** Length of a health-check "second" (interval, timeout, start period); default 1000. */
  readonly healthCheckSecondMs?: number;
  /** Delay before a failed task is replaced; default 500 ms. */
  readonly restartDelayMs?: number;
  /** Region of the function URLs' invocations (the handlers' `AWS_REGION`); default us-east-1. */
  readonly region?: string;
  /** Called when a load balancer or function URL starts listening. */
  readonly onEndpoint?: (endpoint: WorkloadEndpoint) => void;
}

export type WorkloadEndpoint =
  | {
    readonly kind: "load-balancer";
    readonly accountId: string;
    readonly cluster: string;
    readonly service: string;
    readonly url: string;
  }
  | ({ readonly kind: "function-url" } & FunctionUrl);

export interface WorkloadEndpoints {
  readonly loadBalancers: readonly Extract<WorkloadEndpoint, { kind: "load-balancer" }>[];
  readonly functionUrls: readonly FunctionUrl[];
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
  /** Load balancer and function URLs (empty unless `workloads` is set). */
  endpoints(): WorkloadEndpoints;
  /** The ECS task processes running now (empty unless `workloads` is set). */
  tasks(): TaskInfo[];
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
  let supervisor: TaskSupervisor | undefined;
  let functionUrls: FunctionUrls | undefined;
  const endpoints = (): WorkloadEndpoints => ({
    loadBalancers: (supervisor?.loadBalancers() ?? []).map(({ service, url }) => ({
      kind: "load-balancer" as const,
      ...service,
      url,
    })),
    functionUrls: functionUrls?.urls() ?? [],
  });
  const tasks = () => supervisor?.tasks() ?? [];
  const app = createApp({
    store,
    clock,
    random,
    timing,
    faults,
    invocations,
    restServices: [createLambdaService({ store, random, runtime, invocations })],
    observability: {
      metrics: async () =>
        renderMetrics(
          new Map(
            await Promise.all(
              (await accountsWithState(stateDir)).map(async (id) =>
                [id, await invocations.records(id)] as const
              ),
            ),
          ),
          { tasks: taskGauges(tasks()) },
        ),
      endpoints,
      tasks,
    },
  });
  await Deno.mkdir(stateDir, { recursive: true });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} },
    app.fetch,
  );
  const port = server.addr.port;
  const endpoint = `http://127.0.0.1:${port}`;
  const workloads = options.workloads;
  if (workloads) {
    supervisor = new TaskSupervisor({
      store,
      clock,
      timing,
      random,
      root: workloads.root ?? REPO_ROOT,
      ...(workloads.pollMs === undefined ? {} : { pollMs: workloads.pollMs }),
      ...(workloads.healthCheckSecondMs === undefined
        ? {}
        : { secondMs: workloads.healthCheckSecondMs }),
      ...(workloads.restartDelayMs === undefined
        ? {}
        : { restartDelayMs: workloads.restartDelayMs }),
      onLoadBalancer: (service, url) =>
        workloads.onEndpoint?.({ kind: "load-balancer", ...service, url }),
    });
    functionUrls = new FunctionUrls({
      store,
      endpoint,
      ...(workloads.pollMs === undefined ? {} : { pollMs: workloads.pollMs }),
      ...(workloads.region === undefined ? {} : { region: workloads.region }),
      onUrl: (url) => workloads.onEndpoint?.({ kind: "function-url", ...url }),
    });
    supervisor.start();
    functionUrls.start();
  }
  return {
    endpoint,
    port,
    stateDir,
    faults,
    invocationMetrics: (query) => invocations.query(query),
    endpoints,
    tasks,
    async close() {
      await functionUrls?.close();
      await supervisor?.close();
      await server.shutdown();
      await runtime.close?.();
    },
  };
}

function taskGauges(tasks: readonly TaskInfo[]): TaskGauge[] {
  const counts = new Map<string, TaskGauge>();
  for (const t of tasks) {
    const taskDefinition = t.taskDefinitionArn.slice(t.taskDefinitionArn.indexOf("/") + 1);
    const key = [t.accountId, t.cluster, t.service, taskDefinition, t.health].join("\n");
    const previous = counts.get(key);
    counts.set(key, {
      accountId: t.accountId,
      cluster: t.cluster,
      service: t.service,
      taskDefinition,
      health: t.health,
      count: (previous?.count ?? 0) + 1,
    });
  }
  return [...counts.values()];
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
