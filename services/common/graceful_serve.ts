/**
 * Deno.serve with a drain that does not break in-flight requests. Deno's
 * `server.shutdown()` makes a request whose body is still arriving fail ("Cannot read
 * request body as underlying resource unavailable"), so on SIGTERM/SIGINT this server:
 * 1. starts draining: new requests get `503 shutting_down` with `connection: close`,
 *    readiness (`draining()`) turns true so load balancers stop routing here;
 * 2. waits until every request already in flight has its response (or `drainTimeoutMs`);
 * 3. shuts the listener down and resolves `finished` (at the deadline even if a handler
 *    is stuck: the caller then exits the process).
 */
import { errorBody } from "./errors.ts";

export interface GracefulServeOptions {
  readonly port: number;
  readonly hostname?: string;
  /** Name printed in the log lines. */
  readonly name: string;
  readonly onListen?: (addr: { hostname: string; port: number }) => void;
  /** Longest wait for in-flight requests before closing anyway; 25 s by default. */
  readonly drainTimeoutMs?: number;
}

export interface GracefulServer {
  readonly port: number;
  readonly finished: Promise<void>;
  /** True once a drain has started. */
  draining(): boolean;
  /** Start draining now (what SIGTERM does); resolves when the server is closed. */
  drain(): Promise<void>;
}

const DRAINING_BODY = JSON.stringify(errorBody("shutting_down", "server is shutting down"));

function log(name: string, msg: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", service: name, msg, ...extra }));
}

export function serveGracefully(
  app: { fetch(request: Request): Response | Promise<Response> },
  options: GracefulServeOptions,
): GracefulServer {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;
  const server = Deno.serve({
    hostname: options.hostname ?? "127.0.0.1",
    port: options.port,
    onListen: (addr) => {
      log(options.name, `listening on http://${addr.hostname}:${addr.port}`);
      options.onListen?.(addr);
    },
  }, async (request) => {
    if (draining) {
      return new Response(DRAINING_BODY, {
        status: 503,
        headers: { "content-type": "application/json", connection: "close" },
      });
    }
    inFlight++;
    try {
      return await app.fetch(request);
    } finally {
      if (--inFlight === 0) idle?.();
    }
  });

  let drained: Promise<void> | undefined;
  let closed!: () => void;
  const finishedOrAbandoned = new Promise<void>((resolve) => (closed = resolve));
  void server.finished.then(() => closed());
  const drain = () => {
    drained ??= (async () => {
      draining = true;
      log(options.name, "draining", { inFlight });
      const deadline = performance.now() + (options.drainTimeoutMs ?? 25_000);
      const timeLeft = () =>
        new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - performance.now()));
        });
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), timeLeft()]);
        clearTimeout(timer);
      }
      // shutdown() waits for handlers; a stuck one is abandoned at the deadline.
      const outcome = await Promise.race([server.shutdown(), timeLeft()]);
      clearTimeout(timer);
      if (outcome === "timeout") log(options.name, "drain timed out", { inFlight });
      closed();
    })();
    return drained;
  };
  const onSignal = () => void drain();
  const signals: Deno.Signal[] = ["SIGTERM", "SIGINT"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  const finished = finishedOrAbandoned.finally(() => {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  });
  return { port: server.addr.port, finished, draining: () => draining, drain };
}
