/**
 * The controller as a user runs it: `controller/main.ts <command>` in a subprocess, in the demo
 * workspace, with the permissions of `deno task <command>` (read from deno.json, so the demo
 * cannot drift from what users run) and `LOCAL_AWS_ENDPOINT` naming the demo's local AWS.
 */
import { REPO_ROOT } from "./workspace.ts";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ControllerCli {
  run(args: readonly string[], options?: { readonly env?: Record<string, string> }): Promise<
    CliResult
  >;
}

type TaskName = "reconcile" | "status" | "rollout";

/** The `--allow-*` flags of `deno task <name>`. */
export function taskPermissions(name: TaskName, config = readConfig()): string[] {
  const task = config.tasks?.[name];
  if (typeof task !== "string") throw new Error(`deno.json has no task ${JSON.stringify(name)}`);
  return task.split(/\s+/).filter((flag) => flag.startsWith("--allow-"));
}

function readConfig(): { tasks?: Record<string, unknown> } {
  return JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/deno.json`));
}

export function controllerCli(root: string, options: { readonly endpoint: string }): ControllerCli {
  return {
    async run(args, runOptions = {}) {
      const command = args[0];
      if (command !== "reconcile" && command !== "status" && command !== "rollout") {
        throw new Error(`not a controller command the demo runs: ${JSON.stringify(command)}`);
      }
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          `--config=${REPO_ROOT}/deno.json`,
          ...taskPermissions(command),
          `${REPO_ROOT}/controller/main.ts`,
          ...args,
        ],
        cwd: root,
        env: { NO_COLOR: "1", LOCAL_AWS_ENDPOINT: options.endpoint, ...runOptions.env },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
    },
  };
}
