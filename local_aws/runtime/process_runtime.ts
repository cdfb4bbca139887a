/**
 * The Lambda runtime that runs handlers for real: each published version (and `$LATEST`) gets
 * its own pool of warm execution environments (Deno subprocesses, see
 * execution_environment.ts) started from the version's ZIP, with the version's timeout,
 * memory size and environment variables. An environment serves one invocation at a time; a
 * version whose environments are all busy starts another, up to `concurrency`.
 *
 * Deliberate deviation, for a laptop's resources: at `concurrency`, an invocation waits for a
 * free environment (at most `queue` waiting per version) instead of being throttled at once;
 * beyond that it is throttled (`TooManyRequestsException`, reason
 * `ConcurrentInvocationLimitExceeded`), as Lambda throttles a function at its concurrency
 * limit. `queue: 0` gives Lambda's behaviour exactly.
 */
import { AwsError } from "../aws_error.ts";
import type { InvocationRequest, InvocationResult, Runtime } from "../lambda/runtime.ts";
import { ExecutionEnvironment } from "./execution_environment.ts";
import { TaskRoots } from "./task_roots.ts";

export interface ProcessRuntimeOptions {
  /** Where packages are extracted; default a new temporary directory, removed on close. */
  readonly workDir?: string;
  /**
   * Variables every handler sees beneath its function's own (e.g. `AWS_ENDPOINT_URL` of local
   * AWS), as a platform provides them; a function is called for each new environment (so it
   * may name an endpoint known only once local AWS listens).
   */
  readonly environment?:
    | Readonly<Record<string, string>>
    | (() => Readonly<Record<string, string>>);
  /** Execution environments per version at most; default 10. */
  readonly concurrency?: number;
  /** Invocations that may wait for a busy version's environment before throttling; default 64. */
  readonly queue?: number;
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
  /** Environments handed to an invocation (busy from acquire to release). */
  readonly leased: Set<ExecutionEnvironment>;
  /** Invocations waiting for an environment, first come first served. */
  readonly waiters: (() => void)[];
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
  const queue = options.queue ?? 64;
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
          for (const wake of old.waiters.splice(0)) wake();
        }
      }
      pool = {
        functionName: request.functionName,
        version: request.version,
        slot,
        envs: [],
        leased: new Set(),
        waiters: [],
      };
      pools.set(key, pool);
    }
    return pool;
  };

  return {
    async invoke(request: InvocationRequest): Promise<InvocationResult> {
      if (closed) throw new AwsError("ServiceException", "local AWS is shutting down", 500);
      const taskRoot = await roots.rootOf(request.codeSha256, request.codePath);
      const pool = poolFor(request);
      const spawn = () => {
        if (closed) throw new AwsError("ServiceException", "local AWS is shutting down", 500);
        return new ExecutionEnvironment({
          taskRoot,
          handler: request.settings.Handler ?? "index.handler",
          timeoutMs: (request.settings.Timeout || DEFAULT_TIMEOUT_S) * 1000,
          memoryMb: request.settings.MemorySize || DEFAULT_MEMORY_MB,
          env: lambdaEnvironment(request, {
            base: typeof options.environment === "function"
              ? options.environment()
              : options.environment ?? {},
          }),
          ...(options.allowNet ? { allowNet: options.allowNet } : {}),
          ...(options.deno ? { deno: options.deno } : {}),
        });
      };
      const env = await acquire(pool, { spawn, concurrency, queue });
      const requestId = crypto.randomUUID();
      const started = performance.now();
      let result;
      try {
        result = await env.invoke(request.payload, {
          requestId,
          functionArn: request.functionArn,
        });
      } finally {
        release(pool, env);
      }
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
      for (const pool of pools.values()) for (const wake of pool.waiters.splice(0)) wake();
      const all = [...pools.values()].flatMap((pool) => pool.envs);
      pools.clear();
      await Promise.all(all.map((env) => env.close()));
      await roots.close();
    },
  };
}

/** A free environment of the pool: idle, newly started, or the next one released. */
async function acquire(
  pool: Pool,
  options: { spawn: () => ExecutionEnvironment; concurrency: number; queue: number },
): Promise<ExecutionEnvironment> {
  for (;;) {
    for (const dead of pool.envs.filter((e) => !e.alive && !pool.leased.has(e))) {
      pool.envs.splice(pool.envs.indexOf(dead), 1);
      void dead.close();
    }
    let env = pool.envs.find((e) => !pool.leased.has(e));
    if (!env && pool.envs.length < options.concurrency) {
      env = options.spawn();
      pool.envs.push(env);
    }
    if (env) {
      pool.leased.add(env);
      return env;
    }
    if (pool.waiters.length >= options.queue) throw concurrencyThrottle();
    await new Promise<void>((wake) => pool.waiters.push(wake));
  }
}

function release(pool: Pool, env: ExecutionEnvironment): void {
  pool.leased.delete(env);
  pool.waiters.shift()?.();
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
