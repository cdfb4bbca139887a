/** Test helpers: fixture repositories under `tests/fixtures/manifests/`. */
import { join } from "node:path";
import { formatProblem, loadRepo } from "./mod.ts";

export const FIXTURES = new URL("../../tests/fixtures/manifests/", import.meta.url).pathname;
export const VALID_REPO = join(FIXTURES, "valid");
export const REPO_ROOT = new URL("../../", import.meta.url).pathname;

/** Copies `from` into `to` recursively (creating `to`), overwriting files. */
export async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory) await copyTree(source, target);
    else await Deno.copyFile(source, target);
  }
}

/** Repo-relative paths of every file under `dir`, sorted. */
export async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory) found.push(...await filesUnder(dir, path));
    else found.push(path);
  }
  return found.sort();
}

/**
 * The valid fixture repo with the invalid fixture `name` laid over it, in a fresh
 * temporary directory. Returns the directory; the caller removes it.
 */
export async function overlayRepo(name: string): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "manifest-fixture-" });
  await copyTree(VALID_REPO, root);
  await copyTree(join(FIXTURES, "invalid", name), root);
  return root;
}

/** `loadRepo` on the overlaid fixture, problems formatted with repo-relative paths. */
export async function problemsOf(name: string): Promise<string[]> {
  const root = await overlayRepo(name);
  try {
    const { problems } = await loadRepo(root);
    return problems.map((p) => formatProblem(p).replaceAll(`${root}/`, ""));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
