/**
 * The controller's command line: `deno run controller/main.ts <command> [args]`.
 * Each command is `(args) => Promise<exit code>`; only this file calls `Deno.exit`.
 * Commands are imported when run, so `validate` never loads the AWS SDK and runs with
 * read permission only.
 */

export type Command = (args: string[]) => Promise<number>;

/** Subcommand name → command. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  validate: async (args) => (await import("./commands/validate.ts")).validate(args),
  reconcile: async (args) => (await import("./commands/reconcile.ts")).reconcile(args),
  status: async (args) => (await import("./commands/status.ts")).status(args),
  rollout: async (args) => (await import("./commands/rollout.ts")).rollout(args),
};

/** Runs the subcommand named by `args[0]`; returns its exit code (1 for an unknown one). */
export async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    const names = Object.keys(COMMANDS).join(" | ");
    console.error(
      `${
        name === undefined ? "missing command" : `unknown command "${name}"`
      }\nusage: main.ts <${names}> [args]`,
    );
    return 1;
  }
  return await command(rest);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
