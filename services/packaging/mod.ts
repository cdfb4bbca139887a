/**
 * Lambda packaging: `buildPackage(name)` → `{bytes, sha256}` for feedback | model | evaluation,
 * and where `deno task package` puts the result. The controller uses this to build an artifact
 * missing on a fresh clone and to check a release's digest against the source.
 */
export {
  artifactPath,
  type BuildOptions,
  buildPackage,
  type BuiltPackage,
  REPO_ROOT,
} from "./build_package.ts";
export { isPackageName, PACKAGE_NAMES, type PackageName } from "./packages.ts";
