/**
 * `deno run --allow-read=releases --allow-write=releases .github/scripts/promote.ts
 *   --release feedback --from dev --to production`
 *
 * Copies a release's revision from one environment to the next (only the revision: strategy,
 * deadlines and everything else stay as each environment has them). `--release all` promotes
 * every release of the source environment. Prints one line per release.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import {
  describeChange,
  readRevision,
  releasePath,
  type RevisionChange,
  writeRevision,
} from "./release_file.ts";

/** Promotes `release` (or every release, for `all`) from `from` to `to` under `root`. */
export async function promote(
  root: string,
  release: string,
  options: { from: string; to: string },
): Promise<RevisionChange[]> {
  if (options.from === options.to) {
    throw new Error(`cannot promote ${options.from} to itself`);
  }
  const names = release === "all" ? await releaseNames(root, options.from) : [release];
  const changes: RevisionChange[] = [];
  for (const name of names) {
    const source = await readRevision(root, releasePath(options.from, name));
    const target = releasePath(options.to, name);
    const kindOfTarget = (await readRevision(root, target)).kind;
    if (kindOfTarget !== source.kind) {
      throw new Error(`${target}: is a ${kindOfTarget}, but ${options.from} has a ${source.kind}`);
    }
    changes.push(await writeRevision(root, target, { revision: source.revision }));
  }
  return changes;
}

async function releaseNames(root: string, env: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(join(root, "releases", env))) {
    if (entry.isFile && entry.name.endsWith(".yaml")) names.push(entry.name.slice(0, -5));
  }
  return names.sort();
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      release: { type: "string" },
      from: { type: "string", default: "dev" },
      to: { type: "string", default: "production" },
      root: { type: "string", default: "." },
    },
  });
  try {
    if (values.release === undefined) {
      throw new Error("usage: promote.ts --release <name|all> [--from dev] [--to production]");
    }
    const changes = await promote(values.root, values.release, values);
    for (const change of changes) console.log(describeChange(change));
  } catch (error) {
    console.error(`promote: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
