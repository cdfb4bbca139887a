/** Model registry configuration: environment variables, read once at the edge. */
export interface ModelConfig {
  /** `REPO_DIR`: repository with `manifests/`, `releases/` and `ml/models/` (local server). */
  readonly repoDir?: string;
  /**
   * `DEPLOYMENTS_SOURCE`: `live` (default; the controller's read-only status pass against the
   * environments' targets) or `manifests` (desired state from the release manifests only).
   */
  readonly deploymentsSource: "live" | "manifests";
  /** `LOG_LEVEL`. */
  readonly logLevel?: string;
}

export function modelConfig(env: Readonly<Record<string, string | undefined>>): ModelConfig {
  const repoDir = env["REPO_DIR"] || undefined;
  const logLevel = env["LOG_LEVEL"] || undefined;
  const source = env["DEPLOYMENTS_SOURCE"] || "live";
  if (source !== "live" && source !== "manifests") {
    throw new Error(`DEPLOYMENTS_SOURCE must be live or manifests, got ${JSON.stringify(source)}`);
  }
  return {
    deploymentsSource: source,
    ...(repoDir ? { repoDir } : {}),
    ...(logLevel ? { logLevel } : {}),
  };
}
