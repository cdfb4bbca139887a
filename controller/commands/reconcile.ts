/**
 * `deno task reconcile [--env e] [--release r] [--dry-run] [--watch] [--interval 30s]
 *   [--log-format text|json] [--metrics-port 9464] [--root .]`
 *
 * One pass by default: for every selected release observe AWS, plan, apply, and print a
 * terraform-plan-like change list and a one-line result. `--watch` keeps reconciling.
 */
import { parseArgs } from "node:util";
import { type Clock, systemClock } from "../clock.ts";
import { ExitCode, exitCodeFor } from "../exit_codes.ts";
import { parseDuration } from "../manifest/mod.ts";
import { reconcilePass } from "../reconcile/reconcile_pass.ts";
import type { ReleaseResult } from "../reconcile/reconcile_release.ts";
import { changeLine } from "../output/change_list.ts";
import { createLogger, type LogFormat } from "../output/logger.ts";
import { releaseKey } from "../plan/desired.ts";
import { formatLive } from "../output/release_view.ts";
import { openConnections } from "./connections.ts";
import { watchReconcile } from "../watch/watch_reconcile.ts";

export interface ReconcileCommandOptions {
  readonly root: string;
  readonly environment?: string;
  readonly release?: string;
  readonly dryRun: boolean;
  readonly watch: boolean;
  readonly intervalMs: number;
  readonly logFormat: LogFormat;
  readonly metricsPort: number;
  readonly followTimeoutMs: number;
  readonly concurrency: number;
}

const USAGE = "usage: reconcile [--env <name>] [--release <name>] [--dry-run] [--watch] " +
  "[--interval 30s] [--log-format text|json] [--metrics-port 9464] [--root .]";

export function parseReconcileArgs(args: readonly string[]): ReconcileCommandOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      env: { type: "string" },
      release: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      interval: { type: "string", default: "30s" },
      "log-format": { type: "string", default: "text" },
      "metrics-port": { type: "string", default: "9464" },
      "follow-timeout": { type: "string", default: "10m" },
      concurrency: { type: "string", default: "8" },
      root: { type: "string", default: "." },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = values["log-format"];
  if (format !== "text" && format !== "json") {
    throw new RangeError(`--log-format: expected text or json, found ${JSON.stringify(format)}`);
  }
  return {
    root: values.root,
    ...(values.env !== undefined ? { environment: values.env } : {}),
    ...(values.release !== undefined ? { release: values.release } : {}),
    dryRun: values["dry-run"],
    watch: values.watch,
    intervalMs: durationFlag("--interval", values.interval),
    logFormat: format,
    metricsPort: intFlag("--metrics-port", values["metrics-port"], 0, 65535),
    followTimeoutMs: durationFlag("--follow-timeout", values["follow-timeout"]),
    concurrency: intFlag("--concurrency", values.concurrency, 1, 64),
  };
}

export async function reconcile(args: string[]): Promise<number> {
  let options: ReconcileCommandOptions;
  try {
    options = parseReconcileArgs(args);
  } catch (error) {
    console.error(`reconcile: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Error;
  }
  return options.watch
    ? await watchReconcile(options, { clock: systemClock })
    : await reconcileOnce(options, { clock: systemClock });
}

export async function reconcileOnce(
  options: ReconcileCommandOptions,
  deps: { readonly clock: Clock; readonly print?: (line: string) => void },
): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const log = createLogger(options.logFormat, { clock: deps.clock });
  const connections = openConnections(options.root);
  try {
    const pass = await reconcilePass({
      root: options.root,
      clock: deps.clock,
      dryRun: options.dryRun,
      concurrency: options.concurrency,
      ...(options.environment !== undefined ? { environment: options.environment } : {}),
      ...(options.release !== undefined ? { release: options.release } : {}),
      ...(options.dryRun ? {} : { follow: { timeoutMs: options.followTimeoutMs, pollMs: 500 } }),
      connect: (env) => connections.connect(env),
      onTarget: (env, target, n) =>
        print(`target: ${target.description} — ${env.metadata.name}, ${n} release(s)`),
      onResult: (result) => {
        for (const line of resultLines(result, options.dryRun)) print(line);
        if (options.logFormat === "json") {
          log.info("reconciled", {
            release: releaseKey(result.desired),
            outcome: result.outcome,
            sync: result.status.sync,
            health: result.status.health,
            changes: result.done.length,
            ...(result.error ? { error: result.error.message } : {}),
          });
        }
      },
    });
    if (!pass.ok) {
      for (const problem of pass.problems) console.error(problem);
      console.error(`reconcile: ${pass.problems.length} problem(s); nothing was changed`);
      return ExitCode.Error;
    }
    return exitCodeFor(pass.results.map((r) => r.outcome));
  } catch (error) {
    console.error(`reconcile: ${(error as Error).message}`);
    return ExitCode.Error;
  } finally {
    await connections.close();
  }
}

/** The change list of one release, then its one-line result. */
export function resultLines(result: ReleaseResult, dryRun: boolean): string[] {
  const key = releaseKey(result.desired);
  const lines: string[] = [];
  const changes = dryRun
    ? result.planned.map((a) => changeLine(a))
    : result.done.map((d) => changeLine(d.action, d));
  for (const change of changes) lines.push(`  ${change}`);
  if (result.error && !dryRun) {
    lines.push(`  ! ${result.error.message}`);
  }
  const { sync, health } = result.status;
  const what = result.error
    ? `error: ${result.error.message}`
    : dryRun
    ? changes.length > 0 ? `would apply ${changes.length} change(s)` : "no changes"
    : changes.length > 0
    ? `applied ${changes.length} change(s)`
    : "no changes";
  const live = formatLive(result.status.live);
  const message = result.status.message ? ` — ${result.status.message}` : "";
  lines.push(`${key}  ${sync} ${health}  ${what}  [${live}]${result.error ? "" : message}`);
  return lines;
}

function durationFlag(name: string, text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new RangeError(
      `${name}: expected a duration like 30s or 5m, found ${JSON.stringify(text)}`,
    );
  }
}

function intFlag(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(
      `${name}: expected a whole number from ${min} to ${max}, found ${JSON.stringify(text)}`,
    );
  }
  return n;
}
