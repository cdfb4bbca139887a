/** `/metrics`, `/healthz`, `/readyz` on 127.0.0.1 for the watch loop. */
import type { Metrics } from "./metrics.ts";

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/** `/readyz` answers 200 once `ready()` says so (after the first complete pass). */
export function serveMetrics(
  metrics: Metrics,
  options: { readonly port: number; readonly ready: () => boolean },
): MetricsServer {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port, onListen: () => {} },
    (req) => {
      const path = new URL(req.url).pathname;
      if (path === "/metrics") {
        return new Response(metrics.render(), {
          headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
        });
      }
      if (path === "/healthz") return new Response("ok\n");
      if (path === "/readyz") {
        return options.ready()
          ? new Response("ok\n")
          : new Response("first pass not finished\n", { status: 503 });
      }
      return new Response("not found\n", { status: 404 });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}
