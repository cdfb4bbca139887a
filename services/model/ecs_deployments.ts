/**
 * {@link DeploymentsSource} for the model registry running as a Lambda function: the live
 * deployments of the inference ECS service in the function's own account, read through the
 * controller's ECS adapter (`createEcsPort`) and turned into traffic slices by the controller's
 * own status logic (`baseStatus`), with each slice's image from its task definition.
 * The release manifests are not available inside the function, so `release` is null.
 */
import type { EcsPort } from "../../controller/aws/ecs_port.ts";
import { createEcsPort } from "../../controller/aws/ecs_sdk.ts";
import { baseStatus } from "../../controller/plan/ecs_status.ts";
import type { DeploymentsSource, ServiceDeployment } from "./deployments.ts";

export interface EcsDeploymentsOptions {
  /** Name reported as `environment` (the function's own environment). */
  readonly environment: string;
  readonly cluster: string;
  readonly service: string;
}

export function ecsDeployments(port: EcsPort, options: EcsDeploymentsOptions): DeploymentsSource {
  return {
    async deployments(): Promise<ServiceDeployment[]> {
      const service = await port.describeService(options.cluster, options.service);
      if (!service) return [];
      const out: ServiceDeployment[] = [];
      for (const slice of baseStatus(service).live) {
        const td = await port.describeTaskDefinition(slice.target);
        const container = td?.spec.containers.find((c) => c.essential) ?? td?.spec.containers[0];
        if (!container) continue;
        out.push({
          environment: options.environment,
          release: null,
          service: options.service,
          image: container.image,
          trafficPercent: slice.weight,
          source: "live",
        });
      }
      return out;
    },
  };
}

/** An ECS port configured the standard SDK way (region and credentials of the function). */
export function defaultEcsPort(region: string, endpoint?: string): EcsPort {
  return createEcsPort({ region, ...(endpoint ? { endpoint } : {}), maxAttempts: 3 });
}
