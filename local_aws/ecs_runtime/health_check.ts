/**
 * A container health check from a task definition (`healthCheck`: command, interval, timeout,
 * retries, startPeriod; seconds, with ECS's defaults 30/5/3/0). One "second" lasts `secondMs`
 * so tests can run checks quickly.
 *
 * Checks that fetch a loopback URL on the container port (`curl -f http://localhost:8080/…`,
 * `deno eval "fetch('http://127.0.0.1:8080/healthz')…"`) are performed by local AWS itself as
 * an HTTP GET on the task's remapped port (2xx = healthy) rather than by spawning the command;
 * other commands run as a process (`CMD-SHELL` through `sh -c`) with the task's environment,
 * exit status 0 = healthy. A container without a health check counts as healthy once its
 * port accepts connections.
 */
export interface HealthCheckSpec {
  readonly command: readonly string[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly startPeriodMs: number;
}

export interface CheckTarget {
  readonly port: number;
  readonly containerPort: number;
  readonly env: Readonly<Record<string, string>>;
}

/** The container's health check in milliseconds, or undefined when it defines none. */
export function healthCheckSpec(
  container: Readonly<Record<string, unknown>>,
  options: { secondMs: number },
): HealthCheckSpec | undefined {
  const check = container["healthCheck"] as Record<string, unknown> | undefined;
  const command = check?.["command"];
  if (!Array.isArray(command) || command.length === 0) return undefined;
  const seconds = (name: string, fallback: number) =>
    (typeof check?.[name] === "number" ? check[name] as number : fallback) * options.secondMs;
  return {
    command: command.map(String),
    intervalMs: seconds("interval", 30),
    timeoutMs: seconds("timeout", 5),
    retries: typeof check?.["retries"] === "number" ? check["retries"] as number : 3,
    startPeriodMs: seconds("startPeriod", 0),
  };
}

const LOOPBACK_URL = /https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0):(\d+)(\/[^\s'"`)]*)?/;

/** Runs one check; true when the container is healthy. */
export async function runHealthCheck(
  spec: HealthCheckSpec | undefined,
  target: CheckTarget,
): Promise<boolean> {
  if (!spec) return await portAccepts(target.port);
  const [kind, ...rest] = spec.command;
  const text = rest.join(" ");
  const url = LOOPBACK_URL.exec(text);
  if (url && Number(url[1]) === target.containerPort) {
    return await httpOk(`http://127.0.0.1:${target.port}${url[2] ?? "/"}`, spec.timeoutMs);
  }
  const argv = kind === "CMD-SHELL" ? ["sh", "-c", text] : kind === "CMD" ? rest : spec.command;
  const [program, ...args] = argv;
  if (!program) return false;
  try {
    const child = new Deno.Command(program, {
      args,
      env: { ...target.env },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), spec.timeoutMs);
    const status = await child.status;
    clearTimeout(timer);
    return status.success;
  } catch {
    return false;
  }
}

async function httpOk(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function portAccepts(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    conn.close();
    return true;
  } catch {
    return false;
  }
}
