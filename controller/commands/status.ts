/**
 * `deno task status [--env e] [--release r] [-o table|json|yaml] [--watch] [--wait]
 *   [--timeout 5m] [--root .]`
 *
 * Desired (manifests) vs live (AWS) for every release, read-only: observe and plan, never apply.
 * `--wait` blocks until every release is Synced and Healthy (exit 0), one is Degraded (exit 3)
 * or the timeout passes (exit code of the state then). `-o json|yaml` prints a
 * `ReleaseStatusList` (shape documented in `output/release_view.ts` and the README).
 */
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { type Clock, systemClock } from "../clock.ts";
import { ExitCode, exitCodeFor } from "../exit_codes.ts";
import { parseDuration } from "../manifest/mod.ts";
import { reconcilePass } from "../reconcile/reconcile_pass.ts";
import type { ReleaseResult } from "../reconcile/reconcile_release.ts";
import { type ReleaseView, releaseView } from "../output/release_view.ts";
import { statusTable } from "../output/status_table.ts";
import { openConnections } from "./connections.ts";

export type OutputFormat = "table" | "json" | "yaml";

export interface StatusCommandOptions {
  readonly root: string;
  readonly environment?: string;
  readonly release?: string;
  readonly output: OutputFormat;
  readonly watch: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

const USAGE = "usage: status [--env <name>] [--release <name>] [-o table|json|yaml] [--watch] " +
  "[--wait] [--timeout 5m] [--interval 2s] [--root .]";

export function parseStatusArgs(args: readonly string[]): StatusCommandOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      env: { type: "string" },
      release: { type: "string" },
      output: { type: "string", short: "o", default: "table" },
      watch: { type: "boolean", default: false },
      wait: { type: "boolean", default: false },
      timeout: { type: "string", default: "5m" },
      interval: { type: "string", default: "2s" },
      root: { type: "string", default: "." },
    },
    strict: true,
    allowPositionals: false,
  });
  const output = values.output;
  if (output !== "table" && output !== "json" && output !== "yaml") {
    throw new RangeError(`-o: expected table, json or yaml, found ${JSON.stringify(output)}`);
  }
  return {
    root: values.root,
    ...(values.env !== undefined ? { environment: values.env } : {}),
    ...(values.release !== undefined ? { release: values.release } : {}),
    output,
    watch: values.watch,
    wait: values.wait,
    timeoutMs: duration("--timeout", values.timeout),
    intervalMs: duration("--interval", values.interval),
  };
}

export async function status(args: string[]): Promise<number> {
  let options: StatusCommandOptions;
  try {
    options = parseStatusArgs(args);
  } catch (error) {
    console.error(`status: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Error;
  }
  return await runStatus(options, { clock: systemClock });
}

export async function runStatus(
  options: StatusCommandOptions,
  deps: {
    readonly clock: Clock;
    readonly print?: (text: string) => void;
    readonly signal?: AbortSignal;
  },
): Promise<number> {
  const { clock } = deps;
  const print = deps.print ?? ((text: string) => console.log(text));
  const connections = openConnections(options.root);
  const stop = new AbortController();
  deps.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const onSignal = () => stop.abort();
  const looping = options.watch || options.wait;
  if (looping) Deno.addSignalListener("SIGINT", onSignal);
  const deadline = clock.now().getTime() + options.timeoutMs;
  let last = "";
  const announced = new Set<string>();
  const connect = async (env: Parameters<typeof connections.connect>[0]) => {
    const target = await connections.connect(env);
    if (!announced.has(env.metadata.name)) {
      announced.add(env.metadata.name);
      console.error(`target: ${target.description} — ${env.metadata.name}`);
    }
    return target;
  };
  try {
    while (true) {
      const snapshot = await readStatus(options, clock, connect);
      if (!snapshot.ok) {
        for (const p of snapshot.problems) console.error(p);
        return ExitCode.Error;
      }
      const code = exitCodeFor(snapshot.results.map((r) => r.outcome));
      const text = render(snapshot.views, options.output, clock.now());
      if (!looping) {
        print(text);
        return code;
      }
      if (text !== last) {
        if (options.watch && options.output === "table" && Deno.stdout.isTerminal()) {
          print("\x1b[2J\x1b[H" + text);
        } else print(text);
        last = text;
      }
      if (options.wait) {
        if (code === ExitCode.Ok || code === ExitCode.Degraded) return code;
        if (clock.now().getTime() >= deadline) {
          console.error(`status: not Synced and Healthy after ${options.timeoutMs / 1000}s`);
          return code;
        }
      }
      if (stop.signal.aborted) return code;
      await clock.sleep(options.intervalMs, stop.signal);
      if (stop.signal.aborted) return code;
    }
  } finally {
    if (looping) Deno.removeSignalListener("SIGINT", onSignal);
    await connections.close();
  }
}

async function readStatus(
  options: StatusCommandOptions,
  clock: Clock,
  connect: Parameters<typeof reconcilePass>[0]["connect"],
): Promise<
  | { ok: true; results: readonly ReleaseResult[]; views: ReleaseView[] }
  | { ok: false; problems: readonly string[] }
> {
  const pass = await reconcilePass({
    root: options.root,
    clock,
    dryRun: true,
    connect,
    ...(options.environment !== undefined ? { environment: options.environment } : {}),
    ...(options.release !== undefined ? { release: options.release } : {}),
  });
  if (!pass.ok) return pass;
  const views = pass.results.map((r) => releaseView(r.desired, r.status, { error: r.error }));
  return { ok: true, results: pass.results, views };
}

function render(views: readonly ReleaseView[], format: OutputFormat, now: Date): string {
  if (format === "table") return statusTable(views, now);
  const list = {
    apiVersion: "deploy.mlnews.dev/v1alpha1",
    kind: "ReleaseStatusList",
    items: views,
  };
  return format === "json" ? JSON.stringify(list, null, 2) : stringify(list).trimEnd();
}

function duration(name: string, text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new RangeError(
      `${name}: expected a duration like 30s or 5m, found ${JSON.stringify(text)}`,
    );
  }
}
