/**
 * One warm Lambda execution environment: a Deno subprocess running bootstrap.ts against its
 * own Runtime API server on a loopback port. It serves one invocation at a time (as Lambda
 * does); a handler over its timeout gets the process killed and `Task timed out` returned,
 * and a process that dies mid-invocation returns `Runtime.ExitError`. A dead environment is
 * never reused.
 */
import { type ErrorPayload, initTimedOut, runtimeExited, timedOut } from "./error_payloads.ts";

const BOOTSTRAP = new URL("./bootstrap.ts", import.meta.url).pathname;
const API_PREFIX = "/2018-06-01/runtime";
/** Lambda's limit on the init phase. */
const INIT_LIMIT_MS = 10_000;
const LOG_TAIL_BYTES = 4096;

export interface EnvironmentSpec {
  /** Extracted deployment package: the process may read this directory only. */
  readonly taskRoot: string;
  /** `index.handler`: file (without extension) and export name. */
  readonly handler: string;
  /** The function's configured timeout. */
  readonly timeoutMs: number;
  /** The function's MemorySize: the V8 heap limit of the process. */
  readonly memoryMb: number;
  /** The whole environment of the process (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Hosts the handler may connect to; default `127.0.0.1` and `localhost`. */
  readonly allowNet?: readonly string[];
  /** The deno executable; default the running one. */
  readonly deno?: string;
}

export interface EnvironmentResult {
  readonly payload: Uint8Array<ArrayBuffer>;
  readonly functionError?: "Unhandled";
  /** What the process printed during the invocation (its last 4 KB). */
  readonly log: string;
}

interface Pending {
  readonly requestId: string;
  readonly payload: Uint8Array<ArrayBuffer>;
  readonly functionArn: string;
  readonly resolve: (result: EnvironmentResult) => void;
  delivered: boolean;
  readonly timers: ReturnType<typeof setTimeout>[];
}

export class ExecutionEnvironment {
  readonly #spec: EnvironmentSpec;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #child: Deno.ChildProcess;
  readonly #exited: Promise<Deno.CommandStatus>;
  #pending: Pending | undefined;
  /** The bootstrap's open `GET /next`, waiting for an invocation. */
  #waiting: ((pending: Pending | undefined) => void) | undefined;
  #initError: ErrorPayload | undefined;
  #log = "";
  #dead = false;
  #outputDone: Promise<unknown>;

  constructor(spec: EnvironmentSpec) {
    this.#spec = spec;
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (request) => this.#runtimeApi(request),
    );
    const net = (spec.allowNet ?? ["127.0.0.1", "localhost"]).join(",");
    this.#child = new Deno.Command(spec.deno ?? Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--no-prompt",
        `--v8-flags=--max-old-space-size=${spec.memoryMb}`,
        `--allow-read=${spec.taskRoot}`,
        `--allow-net=${net}`,
        "--allow-env",
        "--allow-sys=hostname,osRelease,osUptime,loadavg,networkInterfaces,cpus,homedir",
        BOOTSTRAP,
      ],
      cwd: spec.taskRoot,
      clearEnv: true,
      env: {
        ...spec.env,
        AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${this.#server.addr.port}`,
        LAMBDA_TASK_ROOT: spec.taskRoot,
        _HANDLER: spec.handler,
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#outputDone = Promise.all([
      this.#collect(this.#child.stdout),
      this.#collect(this.#child.stderr),
    ]);
    this.#exited = this.#child.status.then((status) => {
      this.#dead = true;
      this.#finish(
        this.#initError ?? runtimeExited(this.#pending?.requestId ?? "", status),
      );
      this.#waiting?.(undefined);
      return status;
    });
  }

  /** False once the process has exited or was killed; such an environment is discarded. */
  get alive(): boolean {
    return !this.#dead;
  }

  get busy(): boolean {
    return this.#pending !== undefined;
  }

  get pid(): number {
    return this.#child.pid;
  }

  /** Runs one invocation; resolves with the handler's result or Lambda's error payload. */
  invoke(
    payload: Uint8Array<ArrayBuffer>,
    options: { requestId: string; functionArn: string },
  ): Promise<EnvironmentResult> {
    if (this.#pending) throw new Error("execution environment is busy");
    if (this.#dead) throw new Error("execution environment has exited");
    this.#log = "";
    return new Promise<EnvironmentResult>((resolve) => {
      const pending: Pending = { ...options, payload, resolve, delivered: false, timers: [] };
      this.#pending = pending;
      // The init phase (a cold start) has its own limit; the timeout runs from delivery.
      pending.timers.push(setTimeout(() => {
        if (this.#pending !== pending || pending.delivered) return;
        this.#initError = initTimedOut(pending.requestId, INIT_LIMIT_MS);
        this.#kill();
      }, INIT_LIMIT_MS));
      this.#deliver();
    });
  }

  /** Kills the process and stops the Runtime API server. */
  async close(): Promise<void> {
    this.#kill();
    await this.#exited;
    await this.#outputDone;
    await this.#server.shutdown();
  }

  #deliver(): void {
    const pending = this.#pending;
    const waiting = this.#waiting;
    if (!pending || pending.delivered || !waiting) return;
    this.#waiting = undefined;
    pending.delivered = true;
    waiting(pending);
    pending.timers.push(setTimeout(() => {
      if (this.#pending !== pending) return;
      this.#finish(timedOut(pending.requestId, this.#spec.timeoutMs));
      this.#kill();
    }, this.#spec.timeoutMs));
  }

  #finish(error: ErrorPayload | undefined, body?: Uint8Array<ArrayBuffer>, unhandled = true) {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    for (const timer of pending.timers) clearTimeout(timer);
    const payload = body ?? new TextEncoder().encode(JSON.stringify(error));
    pending.resolve({
      payload,
      ...(unhandled ? { functionError: "Unhandled" as const } : {}),
      log: this.#log.slice(-LOG_TAIL_BYTES),
    });
  }

  #kill(): void {
    if (this.#dead) return;
    this.#dead = true;
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }

  async #collect(stream: ReadableStream<Uint8Array>): Promise<void> {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      this.#log = (this.#log + text).slice(-LOG_TAIL_BYTES);
    }
  }

  async #runtimeApi(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.slice(API_PREFIX.length);
    if (request.method === "GET" && path === "/invocation/next") {
      const pending = await new Promise<Pending | undefined>((resolve) => {
        this.#waiting = resolve;
        this.#deliver();
      });
      if (!pending) return new Response(null, { status: 410 });
      return new Response(pending.payload, {
        headers: {
          "Lambda-Runtime-Aws-Request-Id": pending.requestId,
          "Lambda-Runtime-Deadline-Ms": String(Date.now() + this.#spec.timeoutMs),
          "Lambda-Runtime-Invoked-Function-Arn": pending.functionArn,
          "Content-Type": "application/json",
        },
      });
    }
    const body = new Uint8Array(await request.arrayBuffer());
    if (request.method === "POST" && path === "/init/error") {
      this.#initError = JSON.parse(new TextDecoder().decode(body)) as ErrorPayload;
      return new Response(null, { status: 202 });
    }
    const match = /^\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (request.method === "POST" && match && match[1] === this.#pending?.requestId) {
      this.#finish(undefined, body, match[2] === "error");
      return new Response(null, { status: 202 });
    }
    return Response.json({ errorType: "InvalidRequestID" }, { status: 400 });
  }
}
