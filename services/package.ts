/**
 * `deno task package [name...]`: builds the Lambda ZIPs (all of them by default) into
 * `dist/lambda/<name>/<sha256>.zip` and prints `<name> sha256:<hex>` per package, ready to
 * paste into a release's `spec.revision`.
 */
import { dirname } from "node:path";
import {
  artifactPath,
  buildPackage,
  isPackageName,
  PACKAGE_NAMES,
  REPO_ROOT,
} from "./packaging/mod.ts";

export async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => !isPackageName(a));
  if (unknown.length > 0) {
    console.error(
      `unknown package(s): ${unknown.join(", ")}; expected ${PACKAGE_NAMES.join(", ")}`,
    );
    return 2;
  }
  const names = args.length > 0 ? args : PACKAGE_NAMES;
  for (const name of names) {
    const built = await buildPackage(name);
    const path = artifactPath(REPO_ROOT, name, built.sha256);
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeFile(path, built.bytes);
    console.log(`${name} sha256:${built.sha256}`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
