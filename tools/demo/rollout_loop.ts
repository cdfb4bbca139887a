/**
 * Driving one rollout to its end as CI would: one-shot `reconcile --env dev --release <name>`
 * passes until the exit code says it settled (0 promoted / in sync, 3 rolled back, 4 waiting
 * for a human), reading `status -o json` after each pass.
 */
import { checkAborted, sleep } from "./abort.ts";
import type { CliResult, ControllerCli } from "./controller_cli.ts";
import { cliError, indent, printOutput } from "./controller_output.ts";
import { findRelease, type ReleaseViewLike } from "./outcome.ts";

/**
 * One-shot reconcile passes (as CI runs them) until the release is promoted or rolled back;
 * `status -o json` after each pass, so analysis runs are seen while they exist.
 */
export async function rolloutUntilSettled(
  cli: ControllerCli,
  release: string,
  options: {
    print: (line: string) => void;
    signal: AbortSignal;
    timeoutMs: number;
    env: Record<string, string>;
    noteTasks: () => void;
  },
): Promise<ReleaseViewLike[]> {
  const deadline = performance.now() + options.timeoutMs;
  const views: ReleaseViewLike[] = [];
  let last: CliResult | null = null;
  const args = ["reconcile", "--env", "dev", "--release", release];
  options.print(
    `$ deno task ${
      args.join(" ")
    }   # repeated until the rollout settles, as scheduled CI runs would`,
  );
  for (;;) {
    checkAborted(options.signal);
    const pass = await cli.run(args, {
      env: options.env,
    });
    options.noteTasks();
    if (pass.stdout !== last?.stdout) printOutput(options.print, pass);
    last = pass;
    if (pass.code === 1) throw cliError("reconcile", pass);
    views.push(await releaseStatus(cli, `dev/${release}`, { env: options.env }));
    if (pass.code !== 2) return views;
    if (performance.now() > deadline) {
      throw new Error(
        `dev/${release} did not settle within ${
          options.timeoutMs / 1000
        }s; last pass:\n${pass.stdout}`,
      );
    }
    await sleep(500, options.signal);
  }
}

export async function releaseStatus(
  cli: ControllerCli,
  key: string,
  options: { readonly env?: Record<string, string> } = {},
): Promise<ReleaseViewLike> {
  const [env, release] = key.split("/") as [string, string];
  const result = await cli.run(["status", "--env", env, "--release", release, "-o", "json"], {
    env: options.env ?? {},
  });
  try {
    return findRelease(JSON.parse(result.stdout), key);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${result.stderr}`);
  }
}

export async function printStatus(
  cli: ControllerCli,
  print: (line: string) => void,
): Promise<void> {
  const table = await cli.run(["status", "--env", "dev"]);
  print(`$ deno task status --env dev\n${indent(table.stdout.trimEnd())}`);
}
