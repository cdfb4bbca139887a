/**
 * The demo's workspace: a temporary copy of the repository's `manifests/` and `releases/` in its
 * own git repository, with the demo's quick timings applied (`demoManifestEdits`), local AWS
 * state in `<root>/.local-aws` and Lambda ZIPs in `<root>/dist/lambda/<package>/<hex>.zip`.
 * The user's checkout and `.local-aws/` are never touched; `remove()` deletes everything.
 */
import { type BuildOptions, buildPackage } from "../../services/packaging/mod.ts";
import { applyEdit, DEMO_MANIFEST_EDITS, type ManifestEdit } from "./demo_manifests.ts";

/** The repository this file lives in. */
export const REPO_ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

export interface Workspace {
  readonly root: string;
  /** Builds `pkg` (with `flags`) into `dist/lambda/`; returns the ZIP's sha256 hex. */
  build(pkg: string, flags?: BuildOptions["flags"]): Promise<string>;
  /** Points `releases/<env>/<release>.yaml` at revision `sha256:<hex>`. */
  setRevision(env: string, release: string, hex: string): Promise<void>;
  /** Applies one textual edit to a workspace file (it must change the file). */
  edit(edit: ManifestEdit): Promise<void>;
  /** Commits every change (the controller reports the commit it applied). */
  commit(message: string): Promise<void>;
  remove(): Promise<void>;
}

export interface WorkspaceOptions {
  /** Repository to copy from; this one by default. */
  readonly from?: string;
  /** Edits applied before the first commit; the demo's quick timings by default. */
  readonly edits?: readonly ManifestEdit[];
}

export async function createWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const from = options.from ?? REPO_ROOT;
  const root = await Deno.makeTempDir({ prefix: "mlnews-demo-" });
  const workspace: Workspace = {
    root,
    async build(pkg, flags) {
      const built = await buildPackage(pkg, { root: from, ...(flags ? { flags } : {}) });
      await Deno.mkdir(`${root}/dist/lambda/${pkg}`, { recursive: true });
      await Deno.writeFile(`${root}/dist/lambda/${pkg}/${built.sha256}.zip`, built.bytes);
      return built.sha256;
    },
    async setRevision(env, release, hex) {
      await workspace.edit({
        file: `releases/${env}/${release}.yaml`,
        from: /revision: sha256:[0-9a-f]{64}/,
        to: `revision: sha256:${hex}`,
      });
    },
    async edit(edit) {
      const path = `${root}/${edit.file}`;
      await Deno.writeTextFile(path, applyEdit(await Deno.readTextFile(path), edit));
    },
    async commit(message) {
      await git(root, ["add", "--all", "manifests", "releases"]);
      await git(root, ["commit", "--quiet", "--allow-empty", "--message", message]);
    },
    remove: () => Deno.remove(root, { recursive: true }),
  };
  try {
    await copyDir(`${from}/manifests`, `${root}/manifests`);
    await copyDir(`${from}/releases`, `${root}/releases`);
    for (const edit of options.edits ?? DEMO_MANIFEST_EDITS) await workspace.edit(edit);
    await git(root, ["init", "--quiet", "--initial-branch", "main"]);
    await workspace.commit("demo: the repository's manifests with quick demo timings");
  } catch (error) {
    await workspace.remove();
    throw error;
  }
  return workspace;
}

async function git(cwd: string, args: readonly string[]): Promise<void> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.name=demo", "-c", "user.email=demo@example.invalid", ...args],
    cwd,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}
