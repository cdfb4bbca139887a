/** Which folder a kind belongs in: definitions in `manifests/`, releases in `releases/<env>/`. */
import type { KindName } from "./kinds.ts";

export type Placement =
  | { readonly role: "definition" }
  | { readonly role: "release"; readonly environment: string }
  | { readonly role: "misplaced"; readonly path: readonly PropertyKey[]; readonly message: string };

const DEFINITION_KINDS = "Environment, LambdaFunction, EcsService, AnalysisTemplate";

/** Where a manifest of `kind` found at repo path `path` (`releases/dev/x.yaml`) stands. */
export function placement(path: string, kind: KindName): Placement {
  const [top, environment, ...rest] = path.split("/");
  const isRelease = kind === "LambdaRelease" || kind === "EcsRelease";
  const found = JSON.stringify(kind);
  if (top === "releases" && !isRelease) {
    return {
      role: "misplaced",
      path: ["kind"],
      message:
        `expected LambdaRelease or EcsRelease in releases/<environment>/, found ${found} (it belongs in manifests/)`,
    };
  }
  if (top !== "releases" && isRelease) {
    return {
      role: "misplaced",
      path: ["kind"],
      message:
        `expected ${DEFINITION_KINDS} in manifests/, found ${found} (it belongs in releases/<environment>/)`,
    };
  }
  if (!isRelease) return { role: "definition" };
  if (environment === undefined || rest.length === 0) {
    return {
      role: "misplaced",
      path: [],
      message:
        "expected this release in a folder releases/<environment>/, found it directly in releases/",
    };
  }
  return { role: "release", environment };
}
