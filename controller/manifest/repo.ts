/** The parsed repository: every valid manifest, by kind and name. */
import type {
  AnalysisTemplate,
  EcsService,
  Environment,
  LambdaFunction,
  Release,
} from "./kinds.ts";

export interface Repo {
  /** The directory given to `loadRepo`. */
  readonly root: string;
  readonly environments: ReadonlyMap<string, Environment>;
  /** By `metadata.name` (the Lambda function name). */
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  /** By `metadata.name` (the ECS service name). */
  readonly services: ReadonlyMap<string, EcsService>;
  readonly analysisTemplates: ReadonlyMap<string, AnalysisTemplate>;
  /** Environment name (the folder under `releases/`) → release name → release. */
  readonly releases: ReadonlyMap<string, ReadonlyMap<string, Release>>;
}
