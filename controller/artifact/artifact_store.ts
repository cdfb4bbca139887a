/**
 * Resolves a Lambda revision (sha256 of a ZIP) to code Lambda can take: bytes from
 * `dist/lambda/<package>/<hex>.zip` for local AWS, an S3 object for real AWS.
 */
import type { FunctionCode } from "../aws/lambda_port.ts";
import type { ArtifactRef } from "../plan/actions.ts";

export interface ArtifactStore {
  code(ref: ArtifactRef): Promise<FunctionCode>;
}

export class ArtifactNotFoundError extends Error {
  override readonly name = "ArtifactNotFoundError";
}

export interface LocalArtifactOptions {
  /** Builds a package from source (`services/package.ts`), used when the ZIP is not in dist/. */
  readonly build?: (
    pkg: string,
  ) => Promise<{ readonly bytes: Uint8Array; readonly sha256: string }>;
}

/** ZIPs from `<root>/dist/lambda/<package>/<hex>.zip`, else a fresh build if its digest matches. */
export function localArtifacts(root: string, options: LocalArtifactOptions = {}): ArtifactStore {
  const cache = new Map<string, Uint8Array>();
  return {
    async code(ref) {
      const cached = cache.get(ref.revision);
      if (cached) return { zipFile: cached };
      const path = `${root}/dist/lambda/${ref.package}/${ref.revision}.zip`;
      let bytes: Uint8Array | null = null;
      try {
        bytes = await Deno.readFile(path);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
      if (bytes) {
        const actual = await sha256Hex(bytes);
        if (actual !== ref.revision) {
          throw new ArtifactNotFoundError(
            `${path} has sha256:${actual}, not the sha256:${ref.revision} its name says`,
          );
        }
      } else if (options.build) {
        let built;
        try {
          built = await options.build(ref.package);
        } catch (error) {
          throw new ArtifactNotFoundError(
            `revision sha256:${ref.revision} of package ${ref.package} is not at ${path} ` +
              `and building the package failed (${
                (error as Error).message
              }); run deno task package`,
            { cause: error },
          );
        }
        if (built.sha256 !== ref.revision) {
          throw new ArtifactNotFoundError(
            `revision sha256:${ref.revision} of package ${ref.package} is not in dist/lambda/${ref.package}/ ` +
              `and building the package now gives sha256:${built.sha256}; ` +
              `check the release's revision or run deno task package at the commit that built it`,
          );
        }
        bytes = built.bytes;
      } else {
        throw new ArtifactNotFoundError(
          `revision sha256:${ref.revision} of package ${ref.package} not found at ${path}; run deno task package`,
        );
      }
      cache.set(ref.revision, bytes);
      return { zipFile: bytes };
    },
  };
}

/** On real AWS: `s3://<bucket>/lambda/<package>/<hex>.zip`, uploaded by CI. */
export function s3Artifacts(): ArtifactStore {
  return {
    code(ref) {
      if (!ref.bucket) {
        return Promise.reject(
          new ArtifactNotFoundError(
            `package ${ref.package} has no artifact.bucket; real AWS needs one`,
          ),
        );
      }
      return Promise.resolve({
        s3Bucket: ref.bucket,
        s3Key: `lambda/${ref.package}/${ref.revision}.zip`,
      });
    },
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
