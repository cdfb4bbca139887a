/**
 * A temporary copy of the repository's manifests and releases, with real ZIP artifacts in
 * `dist/lambda/<package>/<sha256>.zip` and the releases pointing at them, in its own git repo.
 */
import { zipSync } from "fflate";

export const PACKAGES = ["feedback", "model", "evaluation"] as const;
const REPO = new URL("../../", import.meta.url).pathname;

export interface FixtureRepo {
  readonly root: string;
  /** Builds a ZIP for `pkg` whose handler says `label`; returns its sha256 hex. */
  artifact(pkg: string, label: string): Promise<string>;
  /** Rewrites `spec.revision` of `releases/<env>/<release>.yaml`. */
  setRevision(env: string, release: string, hex: string): Promise<void>;
  /** Replaces text in a repo file. */
  edit(path: string, from: string | RegExp, to: string): Promise<void>;
  commit(message: string): Promise<void>;
  /** `git rev-parse HEAD`. */
  head(): Promise<string>;
  remove(): Promise<void>;
}

export async function fixtureRepo(options: { readonly label?: string } = {}): Promise<FixtureRepo> {
  const root = await Deno.makeTempDir({ prefix: "mlnews-e2e-" });
  await copyDir(`${REPO}/manifests`, `${root}/manifests`);
  await copyDir(`${REPO}/releases`, `${root}/releases`);
  const repo: FixtureRepo = {
    root,
    async artifact(pkg, label) {
      const code = `export const handler = async () => ({ statusCode: 200, body: ${
        JSON.stringify(label)
      } });\n`;
      const bytes = zipSync({
        "index.mjs": [new TextEncoder().encode(code), { mtime: new Date(1980, 0, 1) }],
      });
      const hex = await sha256Hex(bytes);
      await Deno.mkdir(`${root}/dist/lambda/${pkg}`, { recursive: true });
      await Deno.writeFile(`${root}/dist/lambda/${pkg}/${hex}.zip`, bytes);
      return hex;
    },
    async setRevision(env, release, hex) {
      await repo.edit(
        `releases/${env}/${release}.yaml`,
        /revision: sha256:[0-9a-f]{64}/,
        `revision: sha256:${hex}`,
      );
    },
    async edit(path, from, to) {
      const file = `${root}/${path}`;
      const text = await Deno.readTextFile(file);
      const next = text.replace(from, to);
      if (next === text) throw new Error(`${path}: nothing to replace for ${from}`);
      await Deno.writeTextFile(file, next);
    },
    async commit(message) {
      await git(root, ["add", "-A"]);
      await git(root, ["commit", "-q", "--allow-empty", "-m", message]);
    },
    async head() {
      const out = await new Deno.Command("git", {
        args: ["rev-parse", "HEAD"],
        cwd: root,
        stdout: "piped",
      }).output();
      return new TextDecoder().decode(out.stdout).trim();
    },
    remove: () => Deno.remove(root, { recursive: true }),
  };
  for (const pkg of PACKAGES) {
    const hex = await repo.artifact(pkg, `${pkg} ${options.label ?? "v1"}`);
    for (const env of ["dev", "production"]) await repo.setRevision(env, pkg, hex);
  }
  // Tests name images relative to this one, whatever the repository's releases pin today.
  for (const env of ["dev", "production"]) {
    await repo.edit(
      `releases/${env}/inference.yaml`,
      /image: ml-news-inference:\S+/,
      "image: ml-news-inference:1.0.0",
    )
      .catch(() => {/* already 1.0.0 */});
  }
  await git(root, ["init", "-q", "-b", "main"]);
  await repo.commit("fixture");
  return repo;
}

async function git(cwd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args],
    cwd,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
}

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
