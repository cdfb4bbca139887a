/**
 * Parsed files → {@link Repo}, with the checks that span files: kinds in the right
 * folder, release folders naming an Environment, unique names, and references
 * (functions, services, analysis templates, image repositories) that resolve.
 */
import type {
  AnalysisTemplate,
  EcsRelease,
  EcsService,
  Environment,
  KindName,
  LambdaFunction,
  LambdaRelease,
  Release,
} from "./kinds.ts";
import type { InvalidManifest, LocatedManifest } from "./parse_manifest.ts";
import { formatPath, type Problem } from "./problem.ts";
import type { Repo } from "./repo.ts";
import { checkReferences } from "./references.ts";
import { didYouMean } from "./suggest.ts";

/** A parsed file and where it sits in the repo. */
export interface RepoFile {
  /** Path inside the repo, with `/` separators (`releases/dev/feedback.yaml`). */
  readonly path: string;
  readonly manifests: readonly LocatedManifest[];
  /** Manifests that failed validation (already reported): references to them are not reported. */
  readonly invalid: readonly InvalidManifest[];
}

const MANIFEST_KINDS: readonly KindName[] = [
  "Environment",
  "LambdaFunction",
  "EcsService",
  "AnalysisTemplate",
];

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
  const releaseFiles: { env: string; m: LocatedManifest }[] = [];
  for (const file of files) {
    const [top, env, ...rest] = file.path.split("/");
    for (const m of file.manifests) {
      const isRelease = m.kind === "LambdaRelease" || m.kind === "EcsRelease";
      if (top === "releases" && !isRelease) {
        report(
          m,
          ["kind"],
          `expected LambdaRelease or EcsRelease in releases/<environment>/, found ${
            JSON.stringify(m.kind)
          } (it belongs in manifests/)`,
        );
      } else if (top !== "releases" && isRelease) {
        report(
          m,
          ["kind"],
          `expected ${MANIFEST_KINDS.join(", ")} in manifests/, found ${
            JSON.stringify(m.kind)
          } (it belongs in releases/<environment>/)`,
        );
      } else if (isRelease && (env === undefined || rest.length === 0)) {
        report(
          m,
          [],
          "expected this release in a folder releases/<environment>/, found it directly in releases/",
        );
      } else if (isRelease && env !== undefined) {
        releaseFiles.push({ env, m });
      } else {
        const byName = definitions.get(m.kind) ?? new Map<string, LocatedManifest>();
        definitions.set(m.kind, byName);
        const first = byName.get(m.manifest.metadata.name);
        if (first === undefined) byName.set(m.manifest.metadata.name, m);
        else {report(
            m,
            ["metadata", "name"],
            `duplicate ${m.kind} name ${
              JSON.stringify(m.manifest.metadata.name)
            } (first defined at ${where(first)})`,
          );}
      }
    }
  }

  const pick = <T>(kind: KindName) =>
    new Map([...(definitions.get(kind) ?? [])].map(([name, m]) => [name, m.manifest as T]));
  const environments = pick<Environment>("Environment");
  const functions = pick<LambdaFunction>("LambdaFunction");
  const services = pick<EcsService>("EcsService");
  const analysisTemplates = pick<AnalysisTemplate>("AnalysisTemplate");

  const releases = new Map<string, Map<string, Release>>();
  const firstRelease = new Map<string, LocatedManifest>();
  const targets = new Map<string, LocatedManifest>();
  for (const { env, m } of releaseFiles) {
    const release = m.manifest as Release;
    if (!environments.has(env)) {
      report(
        m,
        [],
        `expected releases/<environment>/ to name an Environment in manifests/, found ${
          JSON.stringify(env)
        }${didYouMean(env, environments.keys())}`,
      );
      continue;
    }
    const key = `${env}/${release.metadata.name}`;
    const first = firstRelease.get(key);
    if (first !== undefined) {
      report(
        m,
        ["metadata", "name"],
        `duplicate release name ${JSON.stringify(release.metadata.name)} in environment ${
          JSON.stringify(env)
        } (first defined at ${where(first)})`,
      );
      continue;
    }
    firstRelease.set(key, m);
    const target = release.kind === "LambdaRelease"
      ? `${env}/lambda/${release.spec.function}:${release.spec.alias}`
      : `${env}/ecs/${release.spec.service}`;
    const other = targets.get(target);
    if (other !== undefined) {
      const what = release.kind === "LambdaRelease"
        ? `alias ${JSON.stringify(release.spec.alias)} of ${release.spec.function}`
        : `service ${release.spec.service}`;
      const path = release.kind === "LambdaRelease" ? ["spec", "function"] : ["spec", "service"];
      report(
        m,
        path,
        `expected one release per target, found ${what} already released by ${
          JSON.stringify(other.manifest.metadata.name)
        } (${where(other)})`,
      );
      continue;
    }
    targets.set(target, m);
    const references = checkReferences(release as LambdaRelease | EcsRelease, {
      functions,
      services,
      analysisTemplates,
      invalid: files.flatMap((f) => f.invalid),
    });
    for (const r of references) report(m, r.path, r.message);
    const byName = releases.get(env) ?? new Map<string, Release>();
    releases.set(env, byName);
    byName.set(release.metadata.name, release);
  }

  return {
    repo: { root, environments, functions, services, analysisTemplates, releases },
    problems,
  };
}
