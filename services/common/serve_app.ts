/**
 * Serves an app on 127.0.0.1 with Deno.serve and drains it on SIGTERM/SIGINT: stop accepting,
 * let in-flight requests finish, then resolve `finished`. Used by the Lambda services' `main.ts`.
 */
export interface ServeAppOptions {
  readonly port: number;
  readonly hostname?: string;
  /** Name printed in the listening line. */
  readonly name: string;
  /** Called once the listener is bound (port 0 → the chosen port). */
  readonly onListen?: (addr: { hostname: string; port: number }) => void;
  /** Also shuts down when this aborts (tests). */
  readonly signal?: AbortSignal;
}

export interface ServedApp {
  readonly port: number;
  readonly finished: Promise<void>;
  shutdown(): Promise<void>;
}

export function serveApp(
  app: { fetch(request: Request): Response | Promise<Response> },
  options: ServeAppOptions,
): ServedApp {
  const server = Deno.serve({
    hostname: options.hostname ?? "127.0.0.1",
    port: options.port,
    onListen: (addr) => {
      console.log(JSON.stringify({
        level: "info",
        service: options.name,
        msg: `listening on http://${addr.hostname}:${addr.port}`,
      }));
      options.onListen?.(addr);
    },
  }, (request) => app.fetch(request));
  const stop = () => void server.shutdown();
  const signals: Deno.Signal[] = ["SIGTERM", "SIGINT"];
  for (const s of signals) Deno.addSignalListener(s, stop);
  options.signal?.addEventListener("abort", stop, { once: true });
  const finished = server.finished.finally(() => {
    for (const s of signals) Deno.removeSignalListener(s, stop);
  });
  return { port: server.addr.port, finished, shutdown: () => server.shutdown() };
}

/** `PORT` from the environment, or the default; a clear error for anything else. */
export function portFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fallback: number,
): number {
  const raw = env["PORT"];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer in 0..65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}
