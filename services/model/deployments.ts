/**
 * The deployments port of the model registry: which inference image serves in which
 * environment and with what share of traffic. The app maps images to model versions.
 */
export interface ServiceDeployment {
  readonly environment: string;
  /** The release (`metadata.name`) this comes from; null when read from AWS alone. */
  readonly release: string | null;
  readonly service: string;
  /** Image reference, e.g. `ml-news-inference:b5dc381ff303`. */
  readonly image: string;
  /** Share of the service's traffic, 0–100. */
  readonly trafficPercent: number;
  /** `desired` (from the release manifests) or `live` (observed on AWS). */
  readonly source: "desired" | "live";
}

export interface DeploymentsSource {
  deployments(): Promise<readonly ServiceDeployment[]>;
}

/** The tag of an image reference (`repo:tag` or `repo:tag@sha256:...`), if it has one. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split("@")[0]!;
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}
