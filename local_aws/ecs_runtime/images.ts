/**
 * The local image table: which command runs a container image's entrypoint from this
 * repository, since no container engine runs here. Documented data, one entry per image
 * repository; the tag selects what the image would carry.
 *
 * | repository          | command (cwd: repository root)                              | tag |
 * |---------------------|-------------------------------------------------------------|-----|
 * | `ml-news-inference` | `Dockerfile.inference`'s CMD: `deno run … services/serve.ts inference` | `<model>-<commit>` or `<model>` (12 hex digits): that model version (`ml/models/<model>/`, as `MODEL_VERSION`; see `services/inference/image_tag.ts`); a tag containing `fail`: `MODEL_VERSION=<tag>`, which names no model, so the server exits at start (the failing image of local ECS's failure convention); any other tag (`1.0.0`): the current model (`ml/models/CURRENT`) |
 *
 * Each task listens on its own free loopback port: the container port of the task
 * definition's port mapping is remapped by setting the image's port variable (`PORT`).
 */
import { modelVersionOfTag } from "../../services/inference/image_tag.ts";

export interface LocalImage {
  /** deno arguments (after `deno`), run from the repository root. */
  readonly args: readonly string[];
  /** Variable through which the image takes its listening port. */
  readonly portVariable: string;
  /** Extra variables the tag implies. */
  tagEnvironment(tag: string): Record<string, string>;
}

export const LOCAL_IMAGES: Readonly<Record<string, LocalImage>> = {
  "ml-news-inference": {
    args: [
      "run",
      "--allow-read",
      "--allow-net=127.0.0.1,0.0.0.0",
      "--allow-env",
      "--allow-ffi",
      "--allow-sys",
      "services/serve.ts",
      "inference",
    ],
    portVariable: "PORT",
    tagEnvironment: (tag) => {
      if (tag.toLowerCase().includes("fail")) return { MODEL_VERSION: tag };
      const model = modelVersionOfTag(tag);
      return model === undefined ? {} : { MODEL_VERSION: model };
    },
  },
};

/** `ml-news-inference:1.0.0` → repository and tag (`latest` when absent; digests dropped). */
export function parseImage(image: string): { repository: string; tag: string } {
  const withoutDigest = image.split("@")[0] ?? image;
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  const [path, tag] = colon > slash
    ? [withoutDigest.slice(0, colon), withoutDigest.slice(colon + 1)]
    : [withoutDigest, "latest"];
  // a registry prefix (`123.dkr.ecr.eu-west-1.amazonaws.com/ml-news-inference`) maps like the bare name
  return { repository: path.slice(path.lastIndexOf("/") + 1), tag };
}
