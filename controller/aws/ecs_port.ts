/**
 * The narrow view of Amazon ECS the controller needs. Implemented by `ecs_sdk.ts` only; errors
 * are `AwsError`s from `errors.ts`.
 */

export interface KeyValue {
  readonly name: string;
  readonly value: string;
}

export interface ContainerHealthCheck {
  readonly command: readonly string[];
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
}

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly portMappings: readonly {
    readonly containerPort: number;
    readonly hostPort: number;
    readonly protocol: string;
  }[];
  readonly environment: readonly KeyValue[];
  readonly healthCheck: ContainerHealthCheck | null;
}

/** A task definition in the shape the controller compares (see `plan/task_definition.ts`). */
export interface TaskDefinitionSpec {
  readonly family: string;
  readonly cpu: string;
  readonly memory: string;
  readonly networkMode: string;
  readonly requiresCompatibilities: readonly string[];
  readonly executionRoleArn: string | null;
  readonly taskRoleArn: string | null;
  readonly containers: readonly ContainerSpec[];
}

export interface LiveTaskDefinition {
  readonly arn: string;
  readonly spec: TaskDefinitionSpec;
}

export interface DeploymentSettings {
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  readonly circuitBreaker: { readonly enable: boolean; readonly rollback: boolean };
  /** ECS's native deployment strategy (`deploymentConfiguration.strategy`); default ROLLING. */
  readonly strategy?: "ROLLING" | "CANARY" | "LINEAR" | "BLUE_GREEN" | undefined;
  /** Bake time after all traffic moved (CANARY, LINEAR, BLUE_GREEN), whole minutes. */
  readonly bakeTimeInMinutes?: number | undefined;
  readonly canary?: { readonly percent: number; readonly bakeTimeInMinutes: number } | undefined;
  readonly linear?:
    | { readonly stepPercent: number; readonly stepBakeTimeInMinutes: number }
    | undefined;
}

export interface LoadBalancerSpec {
  readonly targetGroupArn: string;
  readonly containerName: string;
  readonly containerPort: number;
}

/** `networkConfiguration.awsvpcConfiguration` of a service (FARGATE tasks' own interfaces). */
export interface NetworkSpec {
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly assignPublicIp: "ENABLED" | "DISABLED";
}

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface LiveDeployment {
  readonly id: string;
  /** PRIMARY (newest), ACTIVE (draining) or INACTIVE. */
  readonly status: string;
  readonly taskDefinitionArn: string;
  readonly rolloutState: RolloutState | null;
  readonly rolloutStateReason: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly updatedAt: Date | null;
}

export interface LiveService {
  readonly arn: string;
  readonly name: string;
  readonly status: string;
  readonly taskDefinitionArn: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly deploymentSettings: DeploymentSettings;
  /** `null` when DescribeServices reports no awsvpc configuration (not observed). */
  readonly network: NetworkSpec | null;
  readonly deployments: readonly LiveDeployment[];
  readonly tags: Readonly<Record<string, string>>;
}

/** A service deployment as ListServiceDeployments reports it (newest first). */
export interface ServiceDeploymentBrief {
  /** `serviceDeploymentArn`, for StopServiceDeployment. */
  readonly arn: string;
  /** PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED */
  readonly status: string;
  readonly statusReason: string;
  readonly createdAt: Date | null;
}

export interface ServiceWrite {
  readonly taskDefinitionArn: string;
  readonly desiredCount: number;
  readonly deploymentSettings: DeploymentSettings;
  /** Sent as `networkConfiguration`; `null` sends none (ECS keeps what the service has). */
  readonly network: NetworkSpec | null;
}

export interface EcsPort {
  /** `true` when the cluster exists and is ACTIVE. */
  clusterExists(cluster: string): Promise<boolean>;
  createCluster(cluster: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** `null` when the service does not exist (or is INACTIVE); includes tags. */
  describeService(cluster: string, service: string): Promise<LiveService | null>;
  /** By ARN or by family (latest ACTIVE revision); `null` when there is none. */
  describeTaskDefinition(arnOrFamily: string): Promise<LiveTaskDefinition | null>;
  registerTaskDefinition(spec: TaskDefinitionSpec): Promise<LiveTaskDefinition>;
  /** The newest service deployment of a service, `null` when there is none. */
  latestServiceDeployment(cluster: string, service: string): Promise<ServiceDeploymentBrief | null>;
  createService(
    cluster: string,
    input: ServiceWrite & {
      readonly service: string;
      readonly launchType: string;
      readonly loadBalancers: readonly LoadBalancerSpec[];
      readonly tags: Readonly<Record<string, string>>;
    },
  ): Promise<LiveService>;
  updateService(
    cluster: string,
    input: ServiceWrite & { readonly service: string },
  ): Promise<LiveService>;
  tagResource(arn: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** StopServiceDeployment with `stopType: ROLLBACK`: all traffic back to the source at once. */
  rollbackServiceDeployment(serviceDeploymentArn: string): Promise<void>;
}
