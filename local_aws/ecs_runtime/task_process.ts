/**
 * One ECS task as a local process: the container's command from the image table, its
 * environment, a free loopback port in place of the container port, and its health check
 * running on schedule. Until the first passing check the task is probed every
 * `STARTING_PROBE_MS` (Docker's start interval), so a new task takes traffic as soon as it is
 * ready; afterwards every `interval`. A healthy task turns UNHEALTHY after `retries`
 * consecutive failures; a task that has not passed a check within `startPeriod` plus
 * `retries` intervals is UNHEALTHY too.
 */
import { type HealthCheckSpec, runHealthCheck } from "./health_check.ts";

const STARTING_PROBE_MS = 200;
const OUTPUT_TAIL = 4096;

export type TaskHealth = "UNKNOWN" | "HEALTHY" | "UNHEALTHY";

export interface TaskProcessSpec {
  /** The program and its arguments. */
  readonly command: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** The loopback port the task listens on (its container port remapped). */
  readonly port: number;
  readonly containerPort: number;
  readonly healthCheck: HealthCheckSpec | undefined;
}

export class TaskProcess {
  readonly port: number;
  readonly startedAt = Date.now();
  readonly exited: Promise<Deno.CommandStatus>;
  #health: TaskHealth = "UNKNOWN";
  #child: Deno.ChildProcess;
  #stopping = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #output = "";
  #drained: Promise<unknown>;
  #exitStatus: Deno.CommandStatus | undefined;

  constructor(readonly spec: TaskProcessSpec) {
    this.port = spec.port;
    const [program, ...args] = spec.command;
    this.#child = new Deno.Command(program ?? "false", {
      args,
      cwd: spec.cwd,
      clearEnv: true,
      env: { ...spec.env },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#drained = Promise.all([this.#drain(this.#child.stdout), this.#drain(this.#child.stderr)]);
    this.exited = this.#child.status.then((status) => {
      this.#exitStatus = status;
      clearTimeout(this.#timer);
      return status;
    });
    this.#schedule(STARTING_PROBE_MS, 0);
  }

  get pid(): number {
    return this.#child.pid;
  }

  get health(): TaskHealth {
    return this.#health;
  }

  /** Set once the process has exited. */
  get exitStatus(): Deno.CommandStatus | undefined {
    return this.#exitStatus;
  }

  /** The last 4 KB the process printed. */
  get output(): string {
    return this.#output;
  }

  /** SIGTERM (the task drains), SIGKILL after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 5_000): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    if (this.#exitStatus === undefined) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // already exited
      }
      const kill = setTimeout(() => {
        try {
          this.#child.kill("SIGKILL");
        } catch {
          // already exited
        }
      }, graceMs);
      await this.exited;
      clearTimeout(kill);
    }
    await this.#drained;
  }

  #schedule(delayMs: number, failures: number): void {
    if (this.#stopping || this.#exitStatus !== undefined) return;
    this.#timer = setTimeout(async () => {
      const ok = await runHealthCheck(this.spec.healthCheck, {
        port: this.port,
        containerPort: this.spec.containerPort,
        env: this.spec.env,
      });
      if (this.#stopping || this.#exitStatus !== undefined) return;
      const check = this.spec.healthCheck;
      const interval = check?.intervalMs ?? 1000;
      const retries = check?.retries ?? 3;
      if (ok) {
        this.#health = "HEALTHY";
        return this.#schedule(interval, 0);
      }
      if (this.#health === "HEALTHY") {
        if (failures + 1 >= retries) this.#health = "UNHEALTHY";
        else this.#schedule(interval, failures + 1);
        return;
      }
      // Never healthy yet: the start period plus `retries` intervals to pass a first check.
      const limit = (check?.startPeriodMs ?? 0) + retries * interval;
      if (Date.now() - this.startedAt >= limit) this.#health = "UNHEALTHY";
      else this.#schedule(STARTING_PROBE_MS, 0);
    }, delayMs);
  }

  async #drain(stream: ReadableStream<Uint8Array>): Promise<void> {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      this.#output = (this.#output + text).slice(-OUTPUT_TAIL);
    }
  }
}
