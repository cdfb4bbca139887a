/**
 * Wiring the inference canary's quality gate in the demo's environment: the evaluation function
 * scores the endpoints its environment names (`CANARY_ENDPOINT`, `STABLE_ENDPOINT`), and the
 * controller's `web` provider reaches the function through `EVALUATION_URL`. Local AWS gives one
 * load balancer per service (no per-deployment listener), so both name it: the verdict compares
 * two samples of the traffic mix while the canary runs.
 */
import type { WorkloadEndpoints } from "../../local_aws/mod.ts";
import type { ManifestEdit } from "./demo_manifests.ts";

export interface EvaluationGate {
  /** The edit of `manifests/functions/evaluation.yaml` that configures the endpoints. */
  readonly edit: ManifestEdit;
  /** Environment for the controller (`{{env.EVALUATION_URL}}` in `inference-quality`). */
  readonly controllerEnv: Record<string, string>;
}

export function evaluationGate(
  endpoints: WorkloadEndpoints,
  options: { readonly accountId: string },
): EvaluationGate {
  const lb = endpoints.loadBalancers.find((l) =>
    l.accountId === options.accountId && l.service === "ml-news-inference"
  );
  const evaluation = endpoints.functionUrls.find((u) =>
    u.accountId === options.accountId && u.functionName === "ml-news-evaluation" &&
    u.alias === "live"
  );
  if (!lb || !evaluation) {
    throw new Error(
      `account ${options.accountId} has ${lb ? "" : "no inference load balancer"}${
        !lb && !evaluation ? " and " : ""
      }${evaluation ? "" : "no evaluation function URL"}: was the environment reconciled?`,
    );
  }
  return {
    edit: {
      file: "manifests/functions/evaluation.yaml",
      from: /( +)MAX_P99_MS: .*\n/,
      to: `$&$1CANARY_ENDPOINT: ${lb.url}\n$1STABLE_ENDPOINT: ${lb.url}\n`,
    },
    controllerEnv: { EVALUATION_URL: evaluation.url.replace(/\/$/, "") },
  };
}
