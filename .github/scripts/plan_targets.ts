/**
 * `git diff --name-only HEAD^1 HEAD | deno run --allow-read=manifests,releases
 *   --allow-env=LOG_TOKENS,LOG_STREAM .github/scripts/plan_targets.ts`
 *
 * Which environments a pull request changes, as `environments=["dev",…]` for
 * `$GITHUB_OUTPUT`: a file under `releases/<env>/` changes that environment; anything under
 * `manifests/` (what a resource is) changes every environment.
 */
import { loadRepo } from "../../controller/manifest/mod.ts";

/** The environments to plan for the changed paths, sorted; only known environment names. */
export function environmentsToPlan(
  changedPaths: readonly string[],
  environments: readonly string[],
): string[] {
  const known = new Set(environments);
  if (changedPaths.some((path) => path.startsWith("manifests/"))) return [...known].sort();
  const touched = new Set<string>();
  for (const path of changedPaths) {
    const env = /^releases\/([^/]+)\//.exec(path)?.[1];
    if (env !== undefined && known.has(env)) touched.add(env);
  }
  return [...touched].sort();
}

if (import.meta.main) {
  const changed = (await new Response(Deno.stdin.readable).text()).split("\n").filter(Boolean);
  // The manifests may be broken in this pull request; plan whatever environments still parse
  // (the plan job then shows the validation errors).
  const { repo } = await loadRepo(".");
  const environments = [...repo.environments.keys()];
  console.log(`environments=${JSON.stringify(environmentsToPlan(changed, environments))}`);
}
