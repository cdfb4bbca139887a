/**
 * `deno run --allow-read=manifests,releases --allow-write=releases
 *   .github/scripts/bump_lambda_releases.ts --env dev --digests '{"feedback":"sha256:…"}'`
 *
 * Points every `LambdaRelease` of an environment at the freshly packaged ZIP of its function:
 * release → `spec.function` → the `LambdaFunction` manifest → `spec.artifact.package` → digest.
 * Releases whose package was not rebuilt are left alone. Prints one line per release.
 */
import { parseArgs } from "node:util";
import { loadValidRepo } from "./manifest_repo.ts";
import { describeChange, releasePath, type RevisionChange, writeRevision } from "./release_file.ts";

/** Package name (`dist/lambda/<package>/`) → `sha256:<hex>` of its ZIP. */
export type PackageDigests = Readonly<Record<string, string>>;

/** Sets the revision of each Lambda release in `env` whose function's package is in `digests`. */
export async function bumpLambdaReleases(
  root: string,
  env: string,
  options: { digests: PackageDigests },
): Promise<RevisionChange[]> {
  const repo = await loadValidRepo(root);
  const releases = repo.releases.get(env);
  if (releases === undefined) throw new Error(`no releases/${env}/ folder`);
  const changes: RevisionChange[] = [];
  for (const [name, release] of [...releases].sort(([a], [b]) => a.localeCompare(b))) {
    if (release.kind !== "LambdaRelease") continue;
    const pkg = repo.functions.get(release.spec.function)?.spec.artifact.package;
    const digest = pkg === undefined ? undefined : options.digests[pkg];
    if (digest !== undefined) {
      changes.push(await writeRevision(root, releasePath(env, name), { revision: digest }));
    }
  }
  const known = new Set([...repo.functions.values()].map((fn) => fn.spec.artifact.package));
  const unknown = Object.keys(options.digests).filter((pkg) => !known.has(pkg));
  if (unknown.length > 0) {
    throw new Error(`no LambdaFunction manifest packages ${unknown.join(", ")}`);
  }
  return changes;
}

function parseDigests(json: string): PackageDigests {
  const value: unknown = JSON.parse(json);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`--digests: expected a JSON object of package -> sha256:<hex>, found ${json}`);
  }
  for (const [pkg, digest] of Object.entries(value)) {
    if (typeof digest !== "string") throw new Error(`--digests: ${pkg}: expected a string`);
  }
  return value as PackageDigests;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      env: { type: "string", default: "dev" },
      digests: { type: "string" },
      root: { type: "string", default: "." },
    },
  });
  try {
    if (values.digests === undefined) {
      throw new Error("usage: bump_lambda_releases.ts --env <env> --digests <json>");
    }
    const digests = parseDigests(values.digests);
    const changes = await bumpLambdaReleases(values.root, values.env, { digests });
    for (const change of changes) console.log(describeChange(change));
  } catch (error) {
    console.error(
      `bump_lambda_releases: ${error instanceof Error ? error.message : String(error)}`,
    );
    Deno.exit(1);
  }
}
