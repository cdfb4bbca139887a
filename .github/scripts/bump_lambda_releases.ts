/**
 * `deno run --allow-read=manifests,releases --allow-write=releases
 *   .github/scripts/bump_lambda_releases.ts --env dev --digests '{"feedback":"sha256:…"}'`
 *
 * Points every `LambdaRelease` of an environment at the freshly packaged ZIP of its function:
 * release → `spec.function` → the `LambdaFunction` manifest → `spec.artifact.package` → digest.
 * Releases whose package was not rebuilt are left alone. Prints one line per release.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { parse } from "yaml";
import { lambdaFunctionSchema } from "../../controller/manifest/lambda_function.ts";
import { describeChange, releasePath, type RevisionChange, writeRevision } from "./release_file.ts";

/** Package name (`dist/lambda/<package>/`) → `sha256:<hex>` of its ZIP. */
export type PackageDigests = Readonly<Record<string, string>>;

/** Sets the revision of each Lambda release in `env` whose function's package is in `digests`. */
export async function bumpLambdaReleases(
  root: string,
  env: string,
  options: { digests: PackageDigests },
): Promise<RevisionChange[]> {
  const packageOf = await functionPackages(root);
  const changes: RevisionChange[] = [];
  for (const name of await yamlNames(join(root, "releases", env))) {
    const file = releasePath(env, name);
    const release = parse(await Deno.readTextFile(join(root, file)));
    if (release?.kind !== "LambdaRelease") continue;
    const fn = release.spec?.function;
    const pkg = typeof fn === "string" ? packageOf.get(fn) : undefined;
    if (pkg === undefined) {
      throw new Error(
        `${file}: spec.function ${JSON.stringify(fn)} names no LambdaFunction manifest`,
      );
    }
    const digest = options.digests[pkg];
    if (digest !== undefined) changes.push(await writeRevision(root, file, { revision: digest }));
  }
  const known = new Set(packageOf.values());
  const unknown = Object.keys(options.digests).filter((pkg) => !known.has(pkg));
  if (unknown.length > 0) {
    throw new Error(`no LambdaFunction manifest packages ${unknown.join(", ")}`);
  }
  return changes;
}

async function functionPackages(root: string): Promise<Map<string, string>> {
  const packages = new Map<string, string>();
  const dir = join(root, "manifests", "functions");
  for (const name of await yamlNames(dir)) {
    const result = lambdaFunctionSchema.safeParse(
      parse(await Deno.readTextFile(join(dir, `${name}.yaml`))),
    );
    if (!result.success) {
      throw new Error(
        `manifests/functions/${name}.yaml: not a valid LambdaFunction; run deno task validate`,
      );
    }
    packages.set(result.data.metadata.name, result.data.spec.artifact.package);
  }
  return packages;
}

async function yamlNames(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".yaml")) names.push(entry.name.slice(0, -5));
  }
  return names.sort();
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
