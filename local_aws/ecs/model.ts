/**
 * ECS state of one account as operations see it. On disk it is sharded (ecs_store.ts): each
 * operation gets the clusters and task definition families it names.
 */
export interface EcsState {
  clusters: Record<string, ClusterRecord>;
  /** Revisions of each task definition family, oldest first. */
  taskDefinitions: Record<string, TaskDefinitionRecord[]>;
}

export interface Tag {
  key: string;
  value: string;
}

export interface ClusterRecord {
  name: string;
  createdAt: number;
  tags: Tag[];
  settings: unknown[];
  services: Record<string, ServiceRecord>;
}

export interface TaskDefinitionRecord {
  family: string;
  revision: number;
  status: "ACTIVE" | "INACTIVE";
  registeredAt: number;
  deregisteredAt?: number;
  /** The RegisterTaskDefinition members other than family and tags, echoed back. */
  definition: Record<string, unknown>;
  tags: Tag[];
}

export type DeploymentStrategy = "ROLLING" | "CANARY" | "LINEAR" | "BLUE_GREEN";

/** deploymentConfiguration with ECS's defaults filled in. */
export interface DeploymentConfig {
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
  strategy: DeploymentStrategy;
  bakeTimeInMinutes: number;
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
}

export interface ServiceRecord {
  name: string;
  status: "ACTIVE";
  createdAt: number;
  desiredCount: number;
  deploymentConfiguration: DeploymentConfig;
  tags: Tag[];
  /** Other CreateService members (launchType, loadBalancers, networkConfiguration…), echoed. */
  settings: Record<string, unknown>;
  revisions: RevisionRecord[];
  /** Service deployments, oldest first; the last one is the current. */
  deployments: ServiceDeploymentRecord[];
}

/** A service revision: the task definition (and settings) a deployment rolls out. */
export interface RevisionRecord {
  id: string;
  taskDefinitionArn: string;
  createdAt: number;
  /** The task definition's containers, copied so tasks are described without reading it. */
  containers: { name: string; image: string }[];
  cpu?: string;
  memory?: string;
  /** True when the image convention says its tasks never become healthy (see timeline.ts). */
  failing: boolean;
}

/**
 * A service deployment. Only the inputs are stored (start time, revisions, configuration and
 * the times of stop requests or of a newer deployment); its progress is computed from them and
 * the current time (timeline.ts), so it advances across processes and restarts.
 */
export interface ServiceDeploymentRecord {
  id: string;
  /** `ecs-svc/<digits>`: the id of this deployment in Service.deployments. */
  ecsId: string;
  /** The id the rollback deployment gets if this one is rolled back. */
  rollbackEcsId: string;
  createdAt: number;
  sourceRevisionId?: string;
  /** Service.deployments id of the source's tasks (the previous deployment or its rollback). */
  sourceEcsId?: string;
  targetRevisionId: string;
  config: DeploymentConfig;
  stop?: { type: "ROLLBACK" | "ABORT"; at: number };
  supersededAt?: number;
  /**
   * Times at which a real task of the target failed (its process exited or failed its health
   * check), recorded when local AWS runs tasks as processes; they count toward the circuit
   * breaker like the failure convention's simulated failures.
   */
  taskFailures?: number[];
}
