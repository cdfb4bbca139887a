/**
 * `deno task validate [root]`: validates every manifest and release under `root`
 * (default `.`). Prints every problem as `file:line:col: path: message` and returns 1,
 * or prints a one-line summary and returns 0.
 */
import { parseArgs } from "node:util";
import { formatProblem, loadRepo, type Repo } from "../manifest/mod.ts";

export interface ValidateOptions {
  /** Where the summary goes (default: console.log). */
  readonly out?: (line: string) => void;
  /** Where problems go (default: console.error). */
  readonly err?: (line: string) => void;
}

const USAGE = "usage: validate [root]   (root: the repository directory, default .)";

/** Runs the command; returns the process exit code. */
export async function validate(
  args: readonly string[],
  options: ValidateOptions = {},
): Promise<number> {
  const out = options.out ?? console.log;
  const err = options.err ?? console.error;
  let root = ".";
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    if (positionals.length > 1) {
      throw new Error(`expected at most one root, found ${positionals.length}`);
    }
    root = positionals[0] ?? ".";
  } catch (error) {
    err(`validate: ${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 1;
  }
  let loaded;
  try {
    loaded = await loadRepo(root);
  } catch (error) {
    err(`validate: cannot read ${root}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  const { repo, problems } = loaded;
  if (problems.length > 0) {
    for (const problem of problems) err(formatProblem(problem));
    const files = new Set(problems.map((p) => p.file)).size;
    err(`${plural(problems.length, "problem")} in ${plural(files, "file")}`);
    return 1;
  }
  out(summary(repo));
  return 0;
}

/** "16 manifests valid (6 kinds, 2 environments)". */
export function summary(repo: Repo): string {
  const releases = [...repo.releases.values()].flatMap((byName) => [...byName.values()]);
  const all = [
    ...repo.environments.values(),
    ...repo.functions.values(),
    ...repo.services.values(),
    ...repo.analysisTemplates.values(),
    ...releases,
  ];
  const kinds = new Set(all.map((m) => m.kind)).size;
  return `${plural(all.length, "manifest")} valid (${plural(kinds, "kind")}, ${
    plural(repo.environments.size, "environment")
  })`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
