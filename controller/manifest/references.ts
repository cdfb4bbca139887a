/** A release's references to other manifests, checked against what `manifests/` defines. */
import type { AnalysisTemplate, EcsService, LambdaFunction, Release } from "./kinds.ts";
import { parseImageRef } from "./image_ref.ts";
import { didYouMean } from "./suggest.ts";

export interface Definitions {
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  readonly services: ReadonlyMap<string, EcsService>;
  readonly analysisTemplates: ReadonlyMap<string, AnalysisTemplate>;
  /** Defined but invalid (reported where they are defined). */
  readonly invalid: readonly { readonly kind: string; readonly name: string }[];
}

export interface ReferenceProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Every reference of `release` that names nothing, with the nearest valid name. */
export function checkReferences(release: Release, defined: Definitions): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const isInvalid = (kind: string, name: string) =>
    defined.invalid.some((m) => m.kind === kind && m.name === name);
  const missing = (kind: string, name: string, names: Iterable<string>) =>
    `expected the name of ${kind} in manifests/, found ${JSON.stringify(name)}${
      didYouMean(name, names)
    }`;
  if (release.kind === "LambdaRelease") {
    const name = release.spec.function;
    if (!defined.functions.has(name) && !isInvalid("LambdaFunction", name)) {
      problems.push({
        path: ["spec", "function"],
        message: missing("a LambdaFunction", release.spec.function, defined.functions.keys()),
      });
    }
  } else {
    const service = defined.services.get(release.spec.service);
    if (service === undefined && !isInvalid("EcsService", release.spec.service)) {
      problems.push({
        path: ["spec", "service"],
        message: missing("an EcsService", release.spec.service, defined.services.keys()),
      });
    } else if (service !== undefined) {
      const repository = parseImageRef(release.spec.image)?.repository;
      const images = service.spec.taskDefinition.containers.map((c) => c.image);
      if (repository !== undefined && !images.includes(repository)) {
        problems.push({
          path: ["spec", "image"],
          message: `expected an image of repository ${
            images.map((i) => JSON.stringify(i)).join(" or ")
          } (a container of EcsService ${service.metadata.name}), found ${
            JSON.stringify(release.spec.image)
          }`,
        });
      }
    }
  }
  for (const { path, name } of templateReferences(release.spec, ["spec"])) {
    if (!defined.analysisTemplates.has(name) && !isInvalid("AnalysisTemplate", name)) {
      problems.push({
        path,
        message: missing("an AnalysisTemplate", name, defined.analysisTemplates.keys()),
      });
    }
  }
  return problems;
}

/** Every `templates: [...]` entry under `value`, with its path. */
function templateReferences(
  value: unknown,
  path: readonly PropertyKey[],
): { path: readonly PropertyKey[]; name: string }[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = [...path, Array.isArray(value) ? Number(key) : key];
    if (key === "templates" && Array.isArray(child)) {
      return child.map((name, i) => ({ path: [...here, i], name: String(name) }));
    }
    return templateReferences(child, here);
  });
}
