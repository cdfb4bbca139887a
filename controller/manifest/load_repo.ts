/**
 * Reads `manifests/` and `releases/` under a root directory into a {@link Repo}.
 * YAML files only (`.yaml`, `.yml`); `manifests/iam/` (IAM policy documents) is skipped.
 */
import { join } from "node:path";
import { buildRepo, type RepoFile } from "./build_repo.ts";
import { parseManifestFile } from "./parse_manifest.ts";
import { compareProblems, type Problem } from "./problem.ts";
import type { Repo } from "./repo.ts";
import { MAX_FILE_BYTES } from "./yaml_source.ts";

const SKIPPED = new Set(["manifests/iam"]);

/**
 * Loads and validates every manifest under `root`. Problems are sorted by file and
 * position; the repo holds only the manifests that are valid.
 */
export async function loadRepo(
  root: string,
): Promise<{ repo: Repo; problems: readonly Problem[] }> {
  const problems: Problem[] = [];
  const files: RepoFile[] = [];
  for (const top of ["manifests", "releases"]) {
    const paths = await yamlFilesUnder(root, top);
    if (paths === undefined) {
      if (top === "manifests") {
        problems.push({
          file: join(root, top),
          line: 1,
          column: 1,
          path: "",
          message: "expected a manifests/ directory, found none",
        });
      }
      continue;
    }
    for (const path of paths) {
      const file = join(root, path);
      const text = await readManifestText(file);
      if (typeof text !== "string") {
        problems.push({ file, line: 1, column: 1, path: "", message: text.error });
        continue;
      }
      const parsed = parseManifestFile(text, file);
      problems.push(...parsed.problems);
      files.push({ path, manifests: parsed.manifests, invalid: parsed.invalid });
    }
  }
  const built = buildRepo(root, files);
  problems.push(...built.problems);
  return { repo: built.repo, problems: problems.sort(compareProblems) };
}

async function readManifestText(file: string): Promise<string | { error: string }> {
  try {
    const { size } = await Deno.stat(file);
    if (size > MAX_FILE_BYTES) {
      return { error: `file is ${size} bytes; manifests are limited to ${MAX_FILE_BYTES} bytes` };
    }
    return await Deno.readTextFile(file);
  } catch (error) {
    return { error: `cannot read file: ${error instanceof Error ? error.message : error}` };
  }
}

/** Repo-relative `/`-separated paths of YAML files under `top`, sorted; undefined if absent. */
async function yamlFilesUnder(root: string, top: string): Promise<string[] | undefined> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = [];
    for await (const entry of Deno.readDir(join(root, relative))) entries.push(entry);
    for (const entry of entries) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory && !SKIPPED.has(path)) await walk(path);
      else if (entry.isFile && /\.ya?ml$/.test(entry.name)) found.push(path);
    }
  };
  try {
    await walk(top);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return found.sort();
}
