/** A scratch copy of the repository's manifests and releases for the script tests. */
import { join } from "node:path";

const REPO_ROOT = new URL("../../", import.meta.url).pathname;

/** Copies `manifests/` and `releases/` into a new temporary directory and returns its path. */
export async function copyOfRepoManifests(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "release-scripts-" });
  for (const dir of ["manifests", "releases"]) {
    await copyTree(join(REPO_ROOT, dir), join(root, dir));
  }
  return root;
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

/** Every file under `dir`, relative path → text. */
export async function snapshot(dir: string, prefix = ""): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory) { for (const [p, t] of await snapshot(dir, path)) files.set(p, t); }
    else files.set(path, await Deno.readTextFile(join(dir, path)));
  }
  return files;
}

/** Paths whose text differs between two snapshots. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([path, text]) => before.get(path) !== text).map(([path]) => path)
    .sort();
}
