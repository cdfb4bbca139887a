/**
 * The release manifest language: parse and validate `manifests/` and `releases/<env>/`
 * into readonly typed objects. Nothing outside this module reads raw YAML.
 *
 * Durations (`5m`, `30s`, …) are milliseconds in the typed objects.
 *
 * @example
 * ```ts
 * import { formatProblem, loadRepo } from "./mod.ts";
 * const { repo, problems } = await loadRepo(".");
 * for (const p of problems) console.error(formatProblem(p));
 * const feedback = repo.releases.get("dev")?.get("feedback");
 * ```
 */
export type {
  AnalysisTemplate,
  CanaryStep,
  EcsRelease,
  EcsService,
  Environment,
  LambdaFunction,
  LambdaRelease,
  Manifest,
  Release,
} from "./kinds.ts";
export type { Problem } from "./problem.ts";
export type { Repo } from "./repo.ts";
export { loadRepo } from "./load_repo.ts";
export { formatProblem } from "./problem.ts";
export { formatDuration, parseDuration } from "./duration.ts";
export { canarySteps } from "./canary_steps.ts";
export { parseImageRef } from "./image_ref.ts";
export type { ImageRef } from "./image_ref.ts";
