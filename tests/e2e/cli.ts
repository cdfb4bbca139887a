/**
 * Runs the real controller CLI (`controller/main.ts`) as a subprocess in a fixture repo, with
 * the same permissions as `deno task reconcile` / `deno task status`.
 */
const REPO = new URL("../../", import.meta.url).pathname;
/** The permission flags of `deno task <command>`, read from deno.json so the tests cannot drift from it. */
export function taskPermissions(command: "reconcile" | "status"): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${REPO}deno.json`));
  return String(config.tasks[command]).split(/\s+/).filter((flag) => flag.startsWith("--allow-"));
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** A running local AWS to use (`LOCAL_AWS_ENDPOINT`); unset = the CLI starts its own. */
  readonly endpoint?: string;
}

export function cliCommand(
  root: string,
  args: readonly string[],
  options: CliOptions = {},
): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      `--config=${REPO}deno.json`,
      ...taskPermissions(args[0] === "status" ? "status" : "reconcile"),
      `${REPO}controller/main.ts`,
      ...args,
    ],
    cwd: root,
    env: {
      NO_COLOR: "1",
      ...(options.endpoint ? { LOCAL_AWS_ENDPOINT: options.endpoint } : {}),
    },
    stdout: "piped",
    stderr: "piped",
  });
}

export async function runCli(
  root: string,
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const out = await cliCommand(root, args, options).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** Lines of stdout that are change-list entries (`  + …` / `  ~ …`). */
export function changeLines(result: CliResult): string[] {
  return result.stdout.split("\n").filter((l) => /^ {2}[+~] /.test(l)).map((l) => l.trim());
}

/** The one-line result of each release (`dev/feedback  Synced Healthy  …`). */
export function resultLines(result: CliResult): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of result.stdout.split("\n")) {
    const m = /^(\w[\w-]*\/[\w-]+) {2}(.*)$/.exec(line);
    if (m) map.set(m[1]!, m[2]!);
  }
  return map;
}

export function explain(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
