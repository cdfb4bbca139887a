/**
 * `deno run --allow-read=manifests .github/scripts/environment_target.ts --env dev --role ml-news-controller`
 *
 * Prints, as `key=value` lines for `$GITHUB_OUTPUT`, where an environment's releases go:
 * `target` (`local` or `aws`), `region`, and `role-arn` — the role named `--role` in the
 * environment's own account. The account and region come from
 * `manifests/environments/<env>.yaml`, so the workflows hold no per-environment settings and
 * cannot drift from what the controller itself targets.
 */
import { parseArgs } from "node:util";
import { loadValidRepo } from "./manifest_repo.ts";

/** Where CI sends one environment's AWS calls. */
export interface EnvironmentTarget {
  readonly target: "local" | "aws";
  readonly region: string;
  readonly roleArn: string;
}

/** Reads the environment manifest under `root` and names the role to assume in its account. */
export async function environmentTarget(
  root: string,
  env: string,
  options: { role: string },
): Promise<EnvironmentTarget> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(env)) {
    throw new Error(`expected an environment name like dev, found ${JSON.stringify(env)}`);
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(options.role)) {
    throw new Error(`expected an IAM role name, found ${JSON.stringify(options.role)}`);
  }
  const environment = (await loadValidRepo(root)).environments.get(env);
  if (environment === undefined) {
    throw new Error(`no Environment named ${env} in manifests/`);
  }
  const { target, region, accountId } = environment.spec;
  return { target, region, roleArn: `arn:aws:iam::${accountId}:role/${options.role}` };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      env: { type: "string" },
      role: { type: "string" },
      root: { type: "string", default: "." },
    },
  });
  try {
    if (values.env === undefined || values.role === undefined) {
      throw new Error("usage: environment_target.ts --env <env> --role <iam role name>");
    }
    const found = await environmentTarget(values.root, values.env, { role: values.role });
    console.log(`target=${found.target}\nregion=${found.region}\nrole-arn=${found.roleArn}`);
  } catch (error) {
    console.error(`environment_target: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
