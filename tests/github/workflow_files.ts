/**
 * The repository's GitHub workflow and composite-action files, read once for the tests beside
 * this file: their text, their parsed form, and the `uses:` and `run:` entries inside them.
 */
import { join } from "node:path";
import { parse } from "yaml";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;

/** One workflow or composite action file. */
export interface WorkflowFile {
  /** Path from the repository root, e.g. `.github/workflows/ci.yml`. */
  readonly path: string;
  readonly text: string;
  // deno-lint-ignore no-explicit-any
  readonly doc: any;
}

/** A step's `uses:` with the line it is on and its trailing comment (`# v1.2.3`). */
export interface UsesEntry {
  readonly path: string;
  readonly line: number;
  readonly ref: string;
  readonly comment: string | undefined;
}

/** A step's `run:` script with the names around it. */
export interface RunEntry {
  readonly path: string;
  readonly job: string;
  readonly step: string;
  readonly script: string;
}

/** Every `.github/workflows/*.yml` and `.github/actions/<name>/action.yml`, sorted by path. */
export async function loadWorkflowFiles(root = REPO_ROOT): Promise<WorkflowFile[]> {
  const paths: string[] = [];
  for await (const entry of Deno.readDir(join(root, ".github/workflows"))) {
    if (entry.isFile && /\.ya?ml$/.test(entry.name)) paths.push(`.github/workflows/${entry.name}`);
  }
  for await (const entry of Deno.readDir(join(root, ".github/actions"))) {
    if (entry.isDirectory) paths.push(`.github/actions/${entry.name}/action.yml`);
  }
  paths.sort();
  return await Promise.all(paths.map(async (path) => {
    const text = await Deno.readTextFile(join(root, path));
    return { path, text, doc: parse(text) };
  }));
}

/** Whether the file is a workflow (as opposed to a composite action). */
export function isWorkflow(file: WorkflowFile): boolean {
  return file.path.startsWith(".github/workflows/");
}

// deno-lint-ignore no-explicit-any
type Step = Record<string, any>;

/** Steps of every job (workflows) or of the composite action, with their job's id. */
export function stepsOf(file: WorkflowFile): { job: string; step: Step }[] {
  if (!isWorkflow(file)) {
    return (file.doc.runs?.steps ?? []).map((step: Step) => ({ job: "(composite)", step }));
  }
  return Object.entries(file.doc.jobs ?? {}).flatMap(([job, body]) =>
    // deno-lint-ignore no-explicit-any
    ((body as any).steps ?? []).map((step: Step) => ({ job, step }))
  );
}

/** Every `uses:` line, found in the text so the version comment comes with it. */
export function usesEntries(file: WorkflowFile): UsesEntry[] {
  const entries: UsesEntry[] = [];
  file.text.split("\n").forEach((text, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(.*\S))?\s*$/.exec(text);
    if (match) {
      entries.push({ path: file.path, line: index + 1, ref: match[1]!, comment: match[2] });
    }
  });
  return entries;
}

/** Every `run:` script of every step. */
export function runEntries(file: WorkflowFile): RunEntry[] {
  return stepsOf(file).filter(({ step }) => typeof step.run === "string").map(({ job, step }) => ({
    path: file.path,
    job,
    step: String(step.name ?? step.id ?? step.run.split("\n")[0]),
    script: step.run,
  }));
}

/** `deno task <name> …` invocations in a shell script, as task names. */
export function denoTasksIn(script: string): string[] {
  return [...script.matchAll(/\bdeno\s+task\s+([A-Za-z0-9:_-]+)/g)].map((match) => match[1]!);
}

/** One `deno task test` invocation: the paths it tests (none: the whole repository) and ignores. */
export interface TestRun {
  readonly paths: readonly string[];
  readonly ignore: readonly string[];
}

/** The `deno task test` invocations in a shell script. */
export function testRunsIn(script: string): TestRun[] {
  const runs: TestRun[] = [];
  for (const match of script.matchAll(/\bdeno\s+task\s+test((?:[ \t]+[^\s;&|]+)*)/g)) {
    const args = match[1]!.trim().split(/\s+/).filter((arg) => arg !== "");
    runs.push({
      paths: args.filter((arg) => !arg.startsWith("-")),
      ignore: args.filter((arg) => arg.startsWith("--ignore="))
        .flatMap((arg) => arg.slice("--ignore=".length).split(",")),
    });
  }
  return runs;
}

/** Whether a test run includes `file` (a path from the repository root). */
export function testRunCovers(run: TestRun, file: string): boolean {
  const under = (dir: string) =>
    file === dir || file.startsWith(dir.endsWith("/") ? dir : `${dir}/`);
  const included = run.paths.length === 0 || run.paths.some(under);
  return included && !run.ignore.some(under);
}

/** A step found by job id and step id (or name), with the `env:` it runs under. */
export interface FoundStep {
  readonly script: string;
  /** Workflow, job and step `env:` merged, as GitHub does (literal values only). */
  readonly env: Record<string, string>;
  // deno-lint-ignore no-explicit-any
  readonly step: Step & Record<string, any>;
}

/** The step `idOrName` of `job` in a workflow; throws when it is missing. */
export function findStep(file: WorkflowFile, job: string, idOrName: string): FoundStep {
  const body = file.doc.jobs?.[job];
  const step = (body?.steps ?? []).find((s: Step) => s.id === idOrName || s.name === idOrName);
  if (step === undefined) throw new Error(`${file.path}: no step ${idOrName} in job ${job}`);
  const env: Record<string, string> = {};
  for (const scope of [file.doc.env, body.env, step.env]) {
    for (const [key, value] of Object.entries(scope ?? {})) env[key] = String(value);
  }
  return { script: String(step.run ?? ""), env, step };
}
