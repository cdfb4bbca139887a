/**
 * {@link DeploymentsSource} from live AWS state, through the controller's own status pipeline:
 * a read-only (dry-run) reconcile pass over the repository's environments, the same one
 * `deno task status` runs. Each EcsRelease's live traffic slices (image and weight) become
 * deployments; a release with nothing live yet is reported as its desired image at 0 %.
 */
import { systemClock } from "../../controller/clock.ts";
import { openConnections } from "../../controller/commands/connections.ts";
import { reconcilePass } from "../../controller/reconcile/reconcile_pass.ts";
import type { DeploymentsSource, ServiceDeployment } from "./deployments.ts";

export interface LiveDeploymentsSource extends DeploymentsSource {
  close(): Promise<void>;
}

export function liveDeployments(root: string): LiveDeploymentsSource {
  const connections = openConnections(root);
  return {
    async deployments(): Promise<ServiceDeployment[]> {
      const pass = await reconcilePass({
        root,
        clock: systemClock,
        dryRun: true,
        connect: (env) => connections.connect(env),
      });
      if (!pass.ok) throw new Error(`release manifests are invalid: ${pass.problems.join("; ")}`);
      const out: ServiceDeployment[] = [];
      for (const { desired, status, error } of pass.results) {
        if (desired.kind !== "EcsRelease") continue;
        if (error) throw error;
        const base = {
          environment: desired.environment,
          release: desired.name,
          service: desired.service,
        };
        const live = status.live.filter((slice) => slice.revision !== null);
        if (live.length === 0) {
          out.push({ ...base, image: desired.image, trafficPercent: 0, source: "desired" });
        }
        for (const slice of live) {
          out.push({
            ...base,
            image: slice.revision!,
            trafficPercent: slice.weight,
            source: "live",
          });
        }
      }
      return out;
    },
    close: () => connections.close(),
  };
}
