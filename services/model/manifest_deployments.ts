/**
 * {@link DeploymentsSource} from the release manifests, through the controller's manifest
 * library (`loadRepo`): every `EcsRelease` in every environment, at 100 % of its service as the
 * desired state. Reads the repository on each call, so a merged release shows up at once.
 */
import { loadRepo } from "../../controller/manifest/mod.ts";
import type { DeploymentsSource, ServiceDeployment } from "./deployments.ts";

export function manifestDeployments(root: string): DeploymentsSource {
  return {
    async deployments(): Promise<ServiceDeployment[]> {
      const { repo } = await loadRepo(root);
      const out: ServiceDeployment[] = [];
      for (const [environment, releases] of [...repo.releases.entries()].sort()) {
        for (const release of releases.values()) {
          if (release.kind !== "EcsRelease") continue;
          out.push({
            environment,
            release: release.metadata.name,
            service: release.spec.service,
            image: release.spec.image,
            trafficPercent: 100,
            source: "desired",
          });
        }
      }
      return out;
    },
  };
}
