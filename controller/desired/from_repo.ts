/**
 * Desired state from the parsed manifests: the one place that knows both the manifest types
 * and the planners' `Desired*` types. Role names become ARNs in the environment's account,
 * presets become steps, task definitions are rendered with the release's image.
 */
import type { Environment, Repo } from "../manifest/mod.ts";
import type { DesiredRelease } from "../plan/desired.ts";
import { desiredEcs } from "./ecs_desired.ts";
import { desiredLambda } from "./lambda_desired.ts";
import { compileTemplates } from "../analysis/template.ts";

export interface Selection {
  /** Only these environments (all when unset). */
  readonly environment?: string;
  /** Only releases with this `metadata.name` (all when unset). */
  readonly release?: string;
  /** Git commit of the manifests. */
  readonly commit: string | null;
}

export interface DesiredEnvironment {
  readonly environment: Environment;
  readonly releases: readonly DesiredRelease[];
}

/** Every selected environment with its releases, in name order. */
export function desiredFromRepo(repo: Repo, selection: Selection): DesiredEnvironment[] {
  const out: DesiredEnvironment[] = [];
  const names = [...repo.environments.keys()].sort();
  if (selection.environment !== undefined && !repo.environments.has(selection.environment)) {
    throw new RangeError(
      `no environment named ${JSON.stringify(selection.environment)} (have: ${names.join(", ")})`,
    );
  }
  // Conditions were checked at load (`manifest/build_repo.ts`): none fails here.
  const { templates } = compileTemplates(repo.analysisTemplates);
  for (const name of names) {
    if (selection.environment !== undefined && name !== selection.environment) continue;
    const environment = repo.environments.get(name)!;
    const releases: DesiredRelease[] = [];
    const byName = repo.releases.get(name) ?? new Map();
    for (const releaseName of [...byName.keys()].sort()) {
      if (selection.release !== undefined && releaseName !== selection.release) continue;
      const release = byName.get(releaseName)!;
      if (release.kind === "LambdaRelease") {
        const fn = repo.functions.get(release.spec.function);
        if (!fn) {
          throw new RangeError(`${release.file}: no LambdaFunction ${release.spec.function}`);
        }
        releases.push(desiredLambda(release, {
          environment,
          fn,
          commit: selection.commit,
          templates,
        }));
      } else {
        const service = repo.services.get(release.spec.service);
        if (!service) {
          throw new RangeError(`${release.file}: no EcsService ${release.spec.service}`);
        }
        releases.push(desiredEcs(release, {
          environment,
          service,
          commit: selection.commit,
          templates,
        }));
      }
    }
    out.push({ environment, releases });
  }
  return out;
}
