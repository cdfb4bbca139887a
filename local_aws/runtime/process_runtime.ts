/**
 * The Lambda runtime that runs handlers for real: each published version (and `$LATEST`) gets
 * its own pool of warm execution environments (Deno subprocesses, see
 * execution_environment.ts) started from the version's ZIP, with the version's timeout,
 * memory size and environment variables. An environment serves one invocation at a time; a
 * version whose environments are all busy starts another, up to `concurrency`; beyond that
 * the invocation is throttled (`TooManyRequestsException`, reason
 * `ConcurrentInvocationLimitExceeded`), as Lambda throttles a function at its concurrency
 * limit.
 */
import { AwsError } from "../aws_error.ts";
import type { InvocationRequest, InvocationResult, Runtime } from "../lambda/runtime.ts";
import { ExecutionEnvironment } from "./execution_environment.ts";
import { TaskRoots } from "./task_roots.ts";

export interface ProcessRuntimeOptions {
  /** Where packages are extracted; default a new temporary directory, removed on close. */
  readonly workDir?: string;
  /**
   * Variables every handler sees beneath its function's own (e.g. `AWS_ENDPOINT_URL_DYNAMODB`
   * of a local DynamoDB), as a platform provides them.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Concurrent executions per version before throttling; default 10. */
  readonly concurrency?: number;
  /** Hosts handlers may connect to; default the loopback interface. */
  readonly allowNet?: readonly string[];
  /** The deno executable that runs handlers; default the running one. */
  readonly deno?: string;
}

/** What a running pool looks like, for `/_localaws` views and tests. */
export interface EnvironmentInfo {
  readonly functionName: string;
  readonly version: string;
  readonly pid: number;
  readonly busy: boolean;
}

export interface ProcessRuntime extends Runtime {
  environments(): EnvironmentInfo[];
  close(): Promise<void>;
}

interface Pool {
  readonly functionName: string;
  readonly version: string;
  /** `account/function/version`: a newer configuration of `$LATEST` replaces the pool. */
  readonly slot: string;
  readonly envs: ExecutionEnvironment[];
}

/** Lambda's default when a function sets no Timeout / MemorySize. */
const DEFAULT_TIMEOUT_S = 3;
const DEFAULT_MEMORY_MB = 128;

export async function createProcessRuntime(
  options: ProcessRuntimeOptions = {},
): Promise<ProcessRuntime> {
  const workDir = options.workDir ?? await Deno.makeTempDir({ prefix: "local-aws-lambda-" });
  const roots = new TaskRoots(workDir);
  const pools = new Map<string, Pool>();
  const concurrency = options.concurrency ?? 10;
  let closed = false;

  const poolFor = (request: InvocationRequest): Pool => {
    const slot = `${request.accountId}/${request.functionName}/${request.version}`;
    const key = `${slot}/${request.codeSha256}/${JSON.stringify(request.settings)}`;
    let pool = pools.get(key);
    if (!pool) {
      for (const [other, old] of pools) {
        if (old.slot === slot) {
          pools.delete(other);
          for (const env of old.envs) void env.close();
        }
      }
      pool = { functionName: request.functionName, version: request.version, slot, envs: [] };
      pools.set(key, pool);
    }
    return pool;
  };

  return {
    async invoke(request: InvocationRequest): Promise<InvocationResult> {
      if (closed) throw new AwsError("ServiceException", "local AWS is shutting down", 500);
      const pool = poolFor(request);
      for (const dead of pool.envs.filter((e) => !e.alive)) {
        pool.envs.splice(pool.envs.indexOf(dead), 1);
        void dead.close();
      }
      let env = pool.envs.find((e) => !e.busy);
      if (!env) {
        if (pool.envs.length >= concurrency) throw concurrencyThrottle();
        const taskRoot = await roots.rootOf(request.codeSha256, request.codePath);
        env = new ExecutionEnvironment({
          taskRoot,
          handler: request.settings.Handler ?? "index.handler",
          timeoutMs: (request.settings.Timeout || DEFAULT_TIMEOUT_S) * 1000,
          memoryMb: request.settings.MemorySize || DEFAULT_MEMORY_MB,
          env: lambdaEnvironment(request, { base: options.environment ?? {} }),
          ...(options.allowNet ? { allowNet: options.allowNet } : {}),
          ...(options.deno ? { deno: options.deno } : {}),
        });
        pool.envs.push(env);
      }
      const requestId = crypto.randomUUID();
      const started = performance.now();
      const result = await env.invoke(request.payload, {
        requestId,
        functionArn: request.functionArn,
      });
      const ms = performance.now() - started;
      const logTail = `START RequestId: ${requestId} Version: ${request.version}\n` +
        result.log +
        `END RequestId: ${requestId}\n` +
        `REPORT RequestId: ${requestId}\tDuration: ${ms.toFixed(2)} ms\t` +
        `Memory Size: ${request.settings.MemorySize} MB\n`;
      return {
        payload: result.payload,
        ...(result.functionError ? { functionError: result.functionError } : {}),
        logTail,
      };
    },
    environments() {
      return [...pools.values()].flatMap((pool) =>
        pool.envs.filter((e) => e.alive).map((e) => ({
          functionName: pool.functionName,
          version: pool.version,
          pid: e.pid,
          busy: e.busy,
        }))
      );
    },
    async close() {
      closed = true;
      const all = [...pools.values()].flatMap((pool) => pool.envs);
      pools.clear();
      await Promise.all(all.map((env) => env.close()));
      await roots.close();
    },
  };
}

/** The variables Lambda sets in an execution environment, over the function's own. */
function lambdaEnvironment(
  request: InvocationRequest,
  options: { base: Readonly<Record<string, string>> },
): Record<string, string> {
  const inherited = Object.fromEntries(
    ["PATH", "HOME", "DENO_DIR"].flatMap((name) => {
      const value = Deno.env.get(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
  return {
    ...inherited,
    ...options.base,
    ...request.settings.Environment?.Variables,
    AWS_LAMBDA_FUNCTION_NAME: request.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: request.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(request.settings.MemorySize),
    AWS_REGION: request.region,
    AWS_DEFAULT_REGION: request.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${request.settings.Runtime ?? "provided"}`,
    AWS_ACCESS_KEY_ID: request.accountId,
    AWS_SECRET_ACCESS_KEY: "local-aws",
    TZ: ":UTC",
    NO_COLOR: "1",
  };
}

function concurrencyThrottle(): AwsError {
  return new AwsError("TooManyRequestsException", "Rate Exceeded.", 429, {
    body: { Reason: "ConcurrentInvocationLimitExceeded" },
  });
}
