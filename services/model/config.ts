/** Model registry configuration: environment variables, read once at the edge. */
export interface ModelConfig {
  /** `REPO_DIR`: repository with `manifests/`, `releases/` and `ml/models/` (local server). */
  readonly repoDir?: string;
  /**
   * `DEPLOYMENTS_SOURCE` (local server): `live` (default; the controller's read-only status pass
   * against the environments' targets) or `manifests` (desired state from the manifests only).
   */
  readonly deploymentsSource: "live" | "manifests";
  /**
   * The inference service whose live deployments the Lambda function reports:
   * `DEPLOYMENT_ENVIRONMENT` (name reported, default `current`), `INFERENCE_CLUSTER` (default
   * `ml-news-cluster`), `INFERENCE_SERVICE` (default `ml-news-inference`).
   */
  readonly inference: {
    readonly environment: string;
    readonly cluster: string;
    readonly service: string;
  };
  /** `AWS_REGION` (set by Lambda). */
  readonly region?: string;
  /** `LOG_LEVEL`. */
  readonly logLevel?: string;
}

export function modelConfig(env: Readonly<Record<string, string | undefined>>): ModelConfig {
  const repoDir = env["REPO_DIR"] || undefined;
  const logLevel = env["LOG_LEVEL"] || undefined;
  const region = env["AWS_REGION"] || env["AWS_DEFAULT_REGION"] || undefined;
  const source = env["DEPLOYMENTS_SOURCE"] || "live";
  if (source !== "live" && source !== "manifests") {
    throw new Error(`DEPLOYMENTS_SOURCE must be live or manifests, got ${JSON.stringify(source)}`);
  }
  return {
    deploymentsSource: source,
    inference: {
      environment: env["DEPLOYMENT_ENVIRONMENT"] || "current",
      cluster: env["INFERENCE_CLUSTER"] || "ml-news-cluster",
      service: env["INFERENCE_SERVICE"] || "ml-news-inference",
    },
    ...(repoDir ? { repoDir } : {}),
    ...(region ? { region } : {}),
    ...(logLevel ? { logLevel } : {}),
  };
}
