/**
 * Desired state of one release, resolved from the manifests (see `desired/from_repo.ts`):
 * everything the planners need, nothing they would have to look up. Digests are lowercase hex.
 */
import type { FunctionConfig } from "../aws/lambda_port.ts";
import type {
  DeploymentSettings,
  LoadBalancerSpec,
  NetworkSpec,
  TaskDefinitionSpec,
} from "../aws/ecs_port.ts";
import type { AnalysisTemplate } from "../analysis/template.ts";
import type { RolloutStrategy } from "../rollout/steps.ts";

export type DriftPolicy = "heal" | "warn";

/** One step of a progressive strategy, in Argo Rollouts' vocabulary. */
export type Step =
  | { readonly kind: "setWeight"; readonly weight: number }
  /** `durationMs: null` pauses until a human promotes. */
  | { readonly kind: "pause"; readonly durationMs: number | null }
  | { readonly kind: "analysis"; readonly templates: readonly string[] };

export type LambdaTraffic =
  /** Move traffic to `revision` by the strategy's steps (no steps = all at once). */
  | { readonly kind: "progressive"; readonly strategy: RolloutStrategy }
  /** Hold exactly this split (at most two revisions; weights sum to 100). */
  | {
    readonly kind: "explicit";
    readonly split: readonly { readonly revision: string; readonly weight: number }[];
  };

interface DesiredCommon {
  readonly environment: string;
  /** `metadata.name` of the release. */
  readonly name: string;
  readonly driftPolicy: DriftPolicy;
  /** Git commit the manifests were read at, `null` outside a git checkout. */
  readonly commit: string | null;
  /** Short digest of everything that, when changed, makes this a new release (see builders). */
  readonly specDigest: string;
}

export interface DesiredLambda extends DesiredCommon {
  readonly kind: "LambdaRelease";
  readonly functionName: string;
  readonly alias: string;
  /** sha256 hex of the ZIP: the revision being rolled out (the heaviest one for explicit splits). */
  readonly revision: string;
  readonly config: FunctionConfig;
  readonly artifact: { readonly package: string; readonly bucket: string | null };
  readonly traffic: LambdaTraffic;
  /** The repository's analysis templates, compiled (conditions parsed at load). */
  readonly templates: ReadonlyMap<string, AnalysisTemplate>;
}

export interface DesiredEcs extends DesiredCommon {
  readonly kind: "EcsRelease";
  readonly cluster: string;
  readonly service: string;
  /** Full image reference (repository plus tag or digest). */
  readonly image: string;
  readonly taskDefinition: TaskDefinitionSpec;
  readonly desiredCount: number;
  readonly launchType: string;
  readonly deploymentSettings: DeploymentSettings;
  readonly loadBalancers: readonly LoadBalancerSpec[];
  /** The service's awsvpc networking (`EcsService.spec.network`), `null` when not given. */
  readonly network: NetworkSpec | null;
  /** Analysis our controller runs while ECS bakes the new deployment (`null`: none). */
  readonly analysis: { readonly templates: readonly string[] } | null;
  readonly templates: ReadonlyMap<string, AnalysisTemplate>;
}

export type DesiredRelease = DesiredLambda | DesiredEcs;

/** `dev/feedback`: how releases are named in output, flags and metrics. */
export function releaseKey(d: { readonly environment: string; readonly name: string }): string {
  return `${d.environment}/${d.name}`;
}
