/**
 * What `plan()` asks `apply()` to do. Actions are data; a version or task definition that an
 * earlier action in the same list creates is referred to symbolically and resolved by `apply`.
 */
import type { AliasState } from "./alias_state.ts";
import type { FunctionConfig } from "../aws/lambda_port.ts";
import type {
  DeploymentSettings,
  LoadBalancerSpec,
  NetworkSpec,
  TaskDefinitionSpec,
} from "../aws/ecs_port.ts";

/**
 * Why an alias is written: a rollout step (`rollout`), promotion, rollback to stable, healing
 * drift, adopting a hand-made alias, or only the rollout state (`state`: routing unchanged).
 */
export type AliasWriteReason = "rollout" | "promote" | "rollback" | "heal" | "adopt" | "state";

/** A published version, known now or published earlier in the same action list. */
export type VersionRef =
  | { readonly version: string; readonly revision: string | null }
  | { readonly publishedFor: string };

export interface ArtifactRef {
  readonly package: string;
  readonly bucket: string | null;
  /** sha256 hex of the ZIP. */
  readonly revision: string;
}

export type LambdaAction =
  | {
    readonly kind: "createFunction";
    readonly functionName: string;
    readonly config: FunctionConfig;
    readonly artifact: ArtifactRef;
    readonly tags: Readonly<Record<string, string>>;
  }
  | {
    readonly kind: "updateFunctionCode";
    readonly functionName: string;
    readonly artifact: ArtifactRef;
    readonly from: string;
  }
  | {
    readonly kind: "updateFunctionConfiguration";
    readonly functionName: string;
    readonly config: FunctionConfig;
    readonly changed: readonly string[];
  }
  | {
    readonly kind: "publishVersion";
    readonly functionName: string;
    readonly revision: string;
    readonly description: string;
  }
  | {
    readonly kind: "createAlias" | "updateAlias";
    readonly functionName: string;
    readonly alias: string;
    /** Routing and rollout state written together; versions resolved at apply time. */
    readonly target: VersionRef;
    readonly stable: VersionRef | null;
    readonly state: Omit<AliasState, "targetVersion" | "stableVersion">;
    /** Routing before the write, for the change list (`null` when creating). */
    readonly before: {
      readonly primary: string;
      readonly extra: { version: string; weight: number } | null;
    } | null;
    /** `RevisionId` observed; a stale one makes the write fail with a conflict. */
    readonly revisionId: string | null;
    readonly reason: AliasWriteReason;
  }
  | {
    readonly kind: "tagFunction";
    readonly functionName: string;
    readonly arn: string | null;
    readonly tags: Readonly<Record<string, string>>;
  };

/** A task definition, known now or registered earlier in the same action list. */
export type TaskDefinitionRef = { readonly arn: string } | { readonly registered: true };

export type EcsAction =
  | { readonly kind: "createCluster"; readonly cluster: string }
  | {
    readonly kind: "registerTaskDefinition";
    readonly spec: TaskDefinitionSpec;
    readonly image: string;
  }
  | {
    readonly kind: "createService";
    readonly cluster: string;
    readonly service: string;
    readonly taskDefinition: TaskDefinitionRef;
    readonly desiredCount: number;
    readonly launchType: string;
    readonly deploymentSettings: DeploymentSettings;
    readonly loadBalancers: readonly LoadBalancerSpec[];
    /** `networkConfiguration` (awsvpc); `null` sends none. */
    readonly network: NetworkSpec | null;
    readonly tags: Readonly<Record<string, string>>;
  }
  | {
    readonly kind: "updateService";
    readonly cluster: string;
    readonly service: string;
    /** The live task definition before the update. */
    readonly from: string;
    readonly taskDefinition: TaskDefinitionRef;
    readonly desiredCount: number;
    readonly deploymentSettings: DeploymentSettings;
    /** `networkConfiguration` (awsvpc); `null` sends none (ECS keeps the service's). */
    readonly network: NetworkSpec | null;
    readonly changes: readonly string[];
    readonly reason: "rollout" | "heal";
  }
  /** StopServiceDeployment (ROLLBACK): ECS sends all traffic back to the old deployment. */
  | {
    readonly kind: "rollbackDeployment";
    readonly cluster: string;
    readonly service: string;
    readonly serviceDeploymentArn: string;
    readonly reason: string;
  }
  | {
    readonly kind: "tagService";
    readonly service: string;
    readonly arn: string;
    readonly tags: Readonly<Record<string, string>>;
    /** Sets the task-definition tag to the resolved ARN. */
    readonly taskDefinition: TaskDefinitionRef | null;
  };

export type Action = LambdaAction | EcsAction;
