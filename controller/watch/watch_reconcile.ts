/**
 * `reconcile --watch`: a pass every interval (with jitter), at once when manifests change or
 * git HEAD moves; releases that failed wait out their exponential backoff. Serves `/metrics`,
 * `/healthz`, `/readyz` on 127.0.0.1 and logs an event on each status transition only.
 */
import type { Clock } from "../clock.ts";
import { ExitCode } from "../exit_codes.ts";
import { changeLine } from "../output/change_list.ts";
import { createLogger } from "../output/logger.ts";
import { releaseKey } from "../plan/desired.ts";
import { reconcilePass } from "../reconcile/reconcile_pass.ts";
import type { ReleaseResult } from "../reconcile/reconcile_release.ts";
import { openConnections } from "../commands/connections.ts";
import type { ReconcileCommandOptions } from "../commands/reconcile.ts";
import { Backoff } from "./backoff.ts";
import { watchChanges } from "./change_trigger.ts";
import { Metrics, type ReconcileResultLabel } from "./metrics.ts";
import { serveMetrics } from "./metrics_server.ts";
import { Transitions } from "./transitions.ts";

export interface WatchDeps {
  readonly clock: Clock;
  /** Stops the loop (tests); SIGINT and SIGTERM also stop it. */
  readonly signal?: AbortSignal;
}

export async function watchReconcile(
  options: ReconcileCommandOptions,
  deps: WatchDeps,
): Promise<number> {
  const { clock } = deps;
  const log = createLogger(options.logFormat, { clock });
  const metrics = new Metrics();
  const backoff = new Backoff({ baseMs: 5_000, maxMs: 300_000, jitter: 0.2 });
  const transitions = new Transitions();
  const stop = new AbortController();
  deps.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const onSignal = () => stop.abort();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);

  let ready = false;
  const server = serveMetrics(metrics, { port: options.metricsPort, ready: () => ready });
  const trigger = watchChanges(options.root);
  const connections = openConnections(options.root);
  log.info("watching", {
    interval: `${options.intervalMs / 1000}s`,
    metrics: `${server.url}/metrics`,
  });

  const onResult = (result: ReleaseResult, started: number) => {
    const key = releaseKey(result.desired);
    const seconds = (clock.now().getTime() - started) / 1000;
    const label: ReconcileResultLabel = result.error
      ? "error"
      : result.outcome === "in-sync"
      ? "success"
      : "requeue";
    metrics.observeReconcile(label, seconds);
    metrics.setRelease(result.desired.environment, result.desired.name, result.status);
    for (const done of result.done) {
      log.info(`${key}: ${changeLine(done.action, done)}`, { release: key });
    }
    if (result.error) {
      const delay = backoff.failed(key, clock.now().getTime());
      log.error(`${key}: ${result.error.message}`, {
        release: key,
        retryIn: `${Math.round(delay / 1000)}s`,
      });
    } else backoff.succeeded(key);
    const state = result.error
      ? `Error (${result.error.name})`
      : `${result.status.sync}/${result.status.health} ${result.status.reason} at ${
        revisionOf(result)
      }`;
    const t = transitions.record(key, state);
    if (t) {
      log.info(`event ${key}: ${t.from ?? "(new)"} -> ${t.to}`, {
        event: "transition",
        release: key,
        from: t.from,
        to: t.to,
        message: result.status.message,
      });
    }
  };

  try {
    while (!stop.signal.aborted) {
      const started = clock.now().getTime();
      let depth = 0;
      const pass = await reconcilePass({
        root: options.root,
        clock,
        concurrency: options.concurrency,
        signal: stop.signal,
        ...(options.environment !== undefined ? { environment: options.environment } : {}),
        ...(options.release !== undefined ? { release: options.release } : {}),
        connect: (env) => connections.connect(env),
        skip: (key) => !backoff.ready(key, clock.now().getTime()),
        onTarget: (_env, _target, n) => metrics.setQueueDepth(depth += n),
        onResult: (result) => {
          metrics.setQueueDepth(depth -= 1);
          onResult(result, started);
        },
      }).catch((error: Error) => ({ ok: false as const, problems: [error.message] }));
      if (!pass.ok) {
        for (const problem of pass.problems) log.error(problem);
        log.error(
          `${pass.problems.length} problem(s) in the manifests or targets; AWS left untouched until fixed`,
        );
      }
      ready = true;
      metrics.setQueueDepth(0);
      const wait = options.intervalMs * (1 + 0.1 * Math.random());
      const what = await trigger.wait(wait, stop.signal);
      if (what) log.info(`pass triggered: ${what}`);
    }
    return ExitCode.Ok;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
    trigger.close();
    await server.close();
    await connections.close();
  }
}

function revisionOf(result: ReleaseResult): string {
  const d = result.desired;
  return d.kind === "LambdaRelease" ? `sha256:${d.revision.slice(0, 12)}` : d.image;
}
