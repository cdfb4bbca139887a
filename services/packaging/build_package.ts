/**
 * Builds one Lambda package: the bundled handler as `index.mjs` (runtime `nodejs22.x`, handler
 * `index.handler`) plus its data files, zipped deterministically. The sha256 of the bytes is
 * the revision release manifests reference (`sha256:<hex>`).
 */
import { fileURLToPath } from "node:url";
import { BUILD_FLAGS_FILE, type BuildFlags, parseBuildFlags } from "../lambda/build_flags.ts";
import { bundleEntry } from "./bundle.ts";
import { isPackageName, PACKAGE_NAMES, PACKAGES } from "./packages.ts";
import { deterministicZip, type PackageFile } from "./zip.ts";

export interface BuildOptions {
  /** Repository root; the one this file lives in by default. */
  readonly root?: string;
  /** deno executable for bundling; `deno` on PATH by default. */
  readonly deno?: string;
  /**
   * Build flags baked into the package (`data/build_flags.json`), e.g. `{failureRate: 0.3}` for
   * a deliberately broken revision. None by default: the normal package has no flags file.
   */
  readonly flags?: BuildFlags;
}

export interface BuiltPackage {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Lower-case hex sha256 of `bytes` (no `sha256:` prefix). */
  readonly sha256: string;
  /** Paths inside the archive, in archive order. */
  readonly files: readonly string[];
}

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

export async function buildPackage(
  name: string,
  options: BuildOptions = {},
): Promise<BuiltPackage> {
  if (!isPackageName(name)) {
    throw new Error(
      `unknown package ${JSON.stringify(name)}; expected one of ${PACKAGE_NAMES.join(", ")}`,
    );
  }
  const root = options.root ?? REPO_ROOT;
  const spec = PACKAGES[name];
  const [code, data] = await Promise.all([
    bundleEntry(spec.entry, { root, ...(options.deno ? { deno: options.deno } : {}) }),
    spec.data(root),
  ]);
  const flags = parseBuildFlags(options.flags ?? {});
  const files: PackageFile[] = [
    { path: "index.mjs", bytes: new TextEncoder().encode(code) },
    ...data,
  ];
  if (Object.keys(flags).length > 0) {
    files.push({ path: BUILD_FLAGS_FILE, bytes: new TextEncoder().encode(JSON.stringify(flags)) });
  }
  const bytes = deterministicZip(files);
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return { name, bytes, sha256, files: files.map((f) => f.path).sort() };
}

/** Where `deno task package` writes a package: `dist/lambda/<name>/<sha256>.zip`. */
export function artifactPath(root: string, name: string, sha256: string): string {
  return `${root}/dist/lambda/${name}/${sha256}.zip`;
}
