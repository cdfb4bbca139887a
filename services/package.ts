/**
 * `deno task package [--label L] [--failure-rate R] [name...]`: builds the Lambda ZIPs (all of
 * them by default) into `dist/lambda/<name>/<sha256>.zip` and prints `<name> sha256:<hex>` per
 * package, ready to paste into a release's `spec.revision`. `--label demo` builds a distinct
 * revision that behaves the same; `--failure-rate 0.3` a deliberately broken one that answers
 * 30 % of requests with a 500 (for canary demos).
 */
import { dirname } from "node:path";
import { parseBuildFlags } from "./lambda/mod.ts";
import { parseArgs } from "node:util";
import {
  artifactPath,
  buildPackage,
  isPackageName,
  PACKAGE_NAMES,
  REPO_ROOT,
} from "./packaging/mod.ts";

const USAGE = `usage: deno task package [--label L] [--failure-rate R] [${
  PACKAGE_NAMES.join("|")
} ...]`;

export async function main(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { label: { type: "string" }, "failure-rate": { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const unknown = parsed.positionals.filter((a) => !isPackageName(a));
  if (unknown.length > 0) {
    console.error(`unknown package(s): ${unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  const rate = parsed.values["failure-rate"];
  if (rate !== undefined && !/^\d*\.?\d+$/.test(rate)) {
    console.error(`--failure-rate: expected a number in (0, 1], got ${JSON.stringify(rate)}`);
    return 2;
  }
  const label = parsed.values.label;
  let flags;
  try {
    flags = parseBuildFlags({
      ...(label === undefined ? {} : { label }),
      ...(rate === undefined ? {} : { failureRate: Number(rate) }),
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const names = parsed.positionals.length > 0 ? parsed.positionals : PACKAGE_NAMES;
  for (const name of names) {
    let built;
    try {
      built = await buildPackage(name, { flags });
    } catch (err) {
      console.error(`package ${name}: ${(err as Error).message}`);
      return 1;
    }
    const path = artifactPath(REPO_ROOT, name, built.sha256);
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeFile(path, built.bytes);
    console.log(`${name} sha256:${built.sha256}`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
