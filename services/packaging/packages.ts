/**
 * The Lambda packages `deno task package` builds: each one's bundled entry and the data files
 * shipped beside it. The names are the `artifact.package` values of `manifests/functions/`.
 */
import { evaluationPackageData } from "../evaluation/package_data.ts";
import { modelPackageData } from "../model/package_data.ts";
import type { PackageFile } from "./zip.ts";

export interface PackageSpec {
  /** Entry module, relative to the repository root; exports `handler`. */
  readonly entry: string;
  /** Data files to ship, read at build time. */
  readonly data: (root: string) => Promise<PackageFile[]>;
}

export const PACKAGES = {
  feedback: { entry: "services/feedback/lambda.ts", data: () => Promise.resolve([]) },
  model: { entry: "services/model/lambda.ts", data: modelPackageData },
  evaluation: { entry: "services/evaluation/lambda.ts", data: evaluationPackageData },
} as const satisfies Record<string, PackageSpec>;

export type PackageName = keyof typeof PACKAGES;

export const PACKAGE_NAMES = Object.keys(PACKAGES) as PackageName[];

export function isPackageName(name: string): name is PackageName {
  return Object.hasOwn(PACKAGES, name);
}
