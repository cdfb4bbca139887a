/**
 * Parsed files → {@link Repo}, with the checks that span files: kinds in the right
 * folder, release folders naming an Environment, unique names and release targets,
 * references (functions, services, analysis templates, image repositories) that resolve, and
 * networking for FARGATE services released to a real account.
 */
import type {
  AnalysisTemplate,
  EcsService,
  Environment,
  KindName,
  LambdaFunction,
  Release,
} from "./kinds.ts";
import type { InvalidManifest, LocatedManifest } from "./parse_manifest.ts";
import { placement } from "./placement.ts";
import { formatPath, type Problem } from "./problem.ts";
import { checkReferences } from "./references.ts";
import type { Repo } from "./repo.ts";
import { didYouMean } from "./suggest.ts";
import { compileTemplate } from "../analysis/template.ts";

/** A parsed file and where it sits in the repo. */
export interface RepoFile {
  /** Path inside the repo, with `/` separators (`releases/dev/feedback.yaml`). */
  readonly path: string;
  readonly manifests: readonly LocatedManifest[];
  /** Manifests that failed validation (already reported): references to them are not reported. */
  readonly invalid: readonly InvalidManifest[];
}

/** Builds the repo from parsed files (pure); invalid or misplaced manifests are left out. */
export function buildRepo(
  root: string,
  files: readonly RepoFile[],
): { repo: Repo; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (m: LocatedManifest, path: readonly PropertyKey[], message: string) => {
    const { line, column } = m.doc.locate(path);
    problems.push({ file: m.manifest.file, line, column, path: formatPath(path), message });
  };
  const where = (m: LocatedManifest) => {
    const { line, column } = m.doc.locate(["metadata", "name"]);
    return `${m.manifest.file}:${line}:${column}`;
  };

  const definitions = new Map<KindName, Map<string, LocatedManifest>>();
  const releaseFiles: { environment: string; m: LocatedManifest }[] = [];
  for (const file of files) {
    for (const m of file.manifests) {
      const place = placement(file.path, m.kind);
      if (place.role === "misplaced") {
        report(m, place.path, place.message);
      } else if (place.role === "release") {
        releaseFiles.push({ environment: place.environment, m });
      } else {
        const name = m.manifest.metadata.name;
        const byName = definitions.get(m.kind) ?? new Map<string, LocatedManifest>();
        definitions.set(m.kind, byName);
        const first = byName.get(name);
        if (first === undefined) byName.set(name, m);
        else {
          const message = `duplicate ${m.kind} name ${JSON.stringify(name)} (first defined at ${
            where(first)
          })`;
          report(m, ["metadata", "name"], message);
        }
      }
    }
  }

  const pick = <T>(kind: KindName) =>
    new Map([...(definitions.get(kind) ?? [])].map(([name, m]) => [name, m.manifest as T]));
  const environments = pick<Environment>("Environment");
  const functions = pick<LambdaFunction>("LambdaFunction");
  const services = pick<EcsService>("EcsService");
  const analysisTemplates = pick<AnalysisTemplate>("AnalysisTemplate");
  // Analysis conditions are parsed here, at load, so a bad one never reaches a rollout.
  for (const m of definitions.get("AnalysisTemplate")?.values() ?? []) {
    const compiled = compileTemplate(m.manifest as AnalysisTemplate);
    if (compiled.ok) continue;
    for (const p of compiled.problems) {
      const { line, column } = m.doc.locate(p.path);
      problems.push({
        file: m.manifest.file,
        line,
        column: column + p.column - 1,
        path: formatPath(p.path),
        message: `expected a condition like \`result <= stable + 0.01\`: ${p.message}`,
      });
    }
  }
  const invalid = files.flatMap((f) => f.invalid);

  const releases = new Map<string, Map<string, Release>>();
  const byKey = new Map<string, LocatedManifest>();
  for (const { environment, m } of releaseFiles) {
    const release = m.manifest as Release;
    const name = release.metadata.name;
    if (!environments.has(environment)) {
      const hint = didYouMean(environment, environments.keys());
      const found = JSON.stringify(environment);
      const message =
        `expected releases/<environment>/ to name an Environment in manifests/, found ${found}${hint}`;
      report(m, [], message);
      continue;
    }
    const first = byKey.get(`${environment}/name/${name}`);
    if (first !== undefined) {
      const message = `duplicate release name ${JSON.stringify(name)} in environment ${
        JSON.stringify(environment)
      } (first defined at ${where(first)})`;
      report(m, ["metadata", "name"], message);
      continue;
    }
    byKey.set(`${environment}/name/${name}`, m);
    const target = targetOf(release);
    const other = byKey.get(`${environment}/target/${target.key}`);
    if (other !== undefined) {
      const message = `expected one release per target, found ${target.what} already released by ${
        JSON.stringify(other.manifest.metadata.name)
      } (${where(other)})`;
      report(m, target.path, message);
      continue;
    }
    byKey.set(`${environment}/target/${target.key}`, m);
    const defined = { functions, services, analysisTemplates, invalid };
    for (const r of checkReferences(release, defined)) report(m, r.path, r.message);
    const unnetworked = fargateWithoutNetwork(release, {
      environment: environments.get(environment)!,
      services: definitions.get("EcsService"),
    });
    if (unnetworked !== undefined) {
      const message =
        `expected network (subnets, securityGroups) for a FARGATE service on an Environment with target: aws, found none (released to ${
          JSON.stringify(environment)
        } by ${where(m)})`;
      report(unnetworked, ["spec", "network"], message);
    }
    const inEnvironment = releases.get(environment) ?? new Map<string, Release>();
    releases.set(environment, inEnvironment);
    inEnvironment.set(name, release);
  }

  return {
    repo: { root, environments, functions, services, analysisTemplates, releases },
    problems,
  };
}

/**
 * The service's manifest when `release` puts a FARGATE service without `network` on a real
 * account: AWS rejects CreateService for awsvpc tasks without subnets. Local AWS needs none.
 */
function fargateWithoutNetwork(
  release: Release,
  context: {
    readonly environment: Environment;
    readonly services: ReadonlyMap<string, LocatedManifest> | undefined;
  },
): LocatedManifest | undefined {
  if (release.kind !== "EcsRelease" || context.environment.spec.target !== "aws") return undefined;
  const service = context.services?.get(release.spec.service);
  if (service === undefined) return undefined;
  const spec = (service.manifest as EcsService).spec;
  return spec.launchType === "FARGATE" && spec.network === undefined ? service : undefined;
}

/** What a release drives: one Lambda alias or one ECS service. */
function targetOf(release: Release): { key: string; what: string; path: readonly string[] } {
  return release.kind === "LambdaRelease"
    ? {
      key: `lambda/${release.spec.function}:${release.spec.alias}`,
      what: `alias ${JSON.stringify(release.spec.alias)} of ${release.spec.function}`,
      path: ["spec", "function"],
    }
    : {
      key: `ecs/${release.spec.service}`,
      what: `service ${release.spec.service}`,
      path: ["spec", "service"],
    };
}
