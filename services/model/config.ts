/** Model registry configuration: environment variables, read once at the edge. */
export interface ModelConfig {
  /** `REPO_DIR`: repository with `manifests/`, `releases/` and `ml/models/` (local server). */
  readonly repoDir?: string;
  /** `LOG_LEVEL`. */
  readonly logLevel?: string;
}

export function modelConfig(env: Readonly<Record<string, string | undefined>>): ModelConfig {
  const repoDir = env["REPO_DIR"] || undefined;
  const logLevel = env["LOG_LEVEL"] || undefined;
  return { ...(repoDir ? { repoDir } : {}), ...(logLevel ? { logLevel } : {}) };
}
