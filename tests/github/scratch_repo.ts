/**
 * A scratch checkout for running workflow steps for real: copies of `manifests/` and
 * `releases/` (which steps edit), links to the code they run, and a `bash` that behaves as
 * GitHub's `shell: bash` (`bash --noprofile --norc -eo pipefail {0}`).
 */
import { join } from "node:path";
import { REPO_ROOT } from "./workflow_files.ts";

export interface StepResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What the step appended to `$GITHUB_OUTPUT`, as key → value. */
  readonly outputs: Record<string, string>;
}

/** Creates the scratch checkout; the caller removes it. */
export async function scratchRepo(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "workflow-steps-" });
  for (const dir of ["manifests", "releases"]) {
    await copyTree(join(REPO_ROOT, dir), join(root, dir));
  }
  for (const linked of [".github", "controller", "services", "deno.json", "deno.lock"]) {
    try {
      await Deno.stat(join(REPO_ROOT, linked));
      await Deno.symlink(join(REPO_ROOT, linked), join(root, linked));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return root;
}

/** Runs a step's `run:` script in `root` with the step's environment. */
export async function runStep(
  root: string,
  script: string,
  options: { env?: Record<string, string>; path?: string } = {},
): Promise<StepResult> {
  const output = join(root, ".github-output");
  await Deno.writeTextFile(output, "");
  const env: Record<string, string> = {
    ...options.env,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: join(root, ".github-summary"),
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
  };
  if (options.path) env.PATH = `${options.path}:${Deno.env.get("PATH")}`;
  const result = await new Deno.Command("bash", {
    args: ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
    cwd: root,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const outputs: Record<string, string> = {};
  for (const line of (await Deno.readTextFile(output)).split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  const decoder = new TextDecoder();
  return {
    code: result.code,
    stdout: decoder.decode(result.stdout),
    stderr: decoder.decode(result.stderr),
    outputs,
  };
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}
