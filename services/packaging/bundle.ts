/**
 * Bundles a Lambda entry into one ESM file with `deno bundle` (esbuild inside Deno, same
 * import map and lock file as everything else), for the `nodejs22.x` runtime.
 *
 * esbuild names npm modules by their path relative to the working directory, which for Deno's
 * global npm cache depends on the machine (`../../root/.cache/deno/npm/registry.npmjs.org/...`).
 * Those names are rewritten to `npm/<package>/<version>/...` so the bundle, and the ZIP digest,
 * are the same wherever it is built.
 */
import { relative } from "node:path";

export class BundleError extends Error {
  constructor(entry: string, detail: string) {
    super(`deno bundle ${entry} failed: ${detail}`);
    this.name = "BundleError";
  }
}

export interface BundleOptions {
  /** Repository root: the working directory of the bundler (and so of the names in the output). */
  readonly root: string;
  /**
   * The deno executable. By default `deno` from PATH (what `--allow-run=deno` grants), or the
   * running executable when PATH has none. The deno version is an input of the build.
   */
  readonly deno?: string;
}

export async function bundleEntry(entry: string, options: BundleOptions): Promise<string> {
  const deno = options.deno ?? await denoOnPath() ?? Deno.execPath();
  const [bundled, npmCache] = await Promise.all([
    run(
      deno,
      ["bundle", "--quiet", "--platform", "deno", "--format", "esm", entry],
      options.root,
      entry,
    ),
    run(deno, ["info", "--json"], options.root, entry).then((out) =>
      JSON.parse(out).npmCache as string
    ),
  ]);
  const cachePrefix = `${relative(options.root, npmCache)}/registry.npmjs.org/`;
  const code = bundled.replaceAll(cachePrefix, "npm/");
  if (code.includes(options.root) || code.includes(npmCache)) {
    throw new BundleError(entry, "the bundle still contains a machine-specific path");
  }
  return code;
}

async function denoOnPath(): Promise<string | undefined> {
  try {
    await new Deno.Command("deno", { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
    return "deno";
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
}

async function run(deno: string, args: string[], cwd: string, entry: string): Promise<string> {
  const out = await new Deno.Command(deno, {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr).trim();
  if (!out.success) throw new BundleError(entry, stderr || `exit code ${out.code}`);
  return new TextDecoder().decode(out.stdout);
}
