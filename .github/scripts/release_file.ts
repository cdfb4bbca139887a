/**
 * The effectful half of {@link setReleaseRevision}: rewrites `releases/<env>/<release>.yaml`
 * on disk and reports the change as one line for a pull-request body.
 */
import { join } from "node:path";
import {
  readReleaseRevision,
  type ReleaseRevision,
  setReleaseRevision,
} from "./release_revision.ts";

/** Path of a release manifest, relative to the repository root. */
export function releasePath(env: string, release: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(env) || !/^[a-z0-9][a-z0-9-]*$/.test(release)) {
    throw new Error(
      `expected environment and release names of lowercase letters, digits and dashes, found ${
        JSON.stringify(env)
      } and ${JSON.stringify(release)}`,
    );
  }
  return join("releases", env, `${release}.yaml`);
}

/** What one rewrite changed; `before === after` means the file was left untouched. */
export interface RevisionChange {
  readonly file: string;
  readonly field: ReleaseRevision["field"];
  readonly before: string;
  readonly after: string;
}

/** Reads the revision of a release file under `root`. */
export async function readRevision(root: string, file: string): Promise<ReleaseRevision> {
  return readReleaseRevision(await Deno.readTextFile(join(root, file)), { file });
}

/** Sets the revision of a release file under `root`; writes only when it changes. */
export async function writeRevision(
  root: string,
  file: string,
  options: { revision: string },
): Promise<RevisionChange> {
  const text = await Deno.readTextFile(join(root, file));
  const before = readReleaseRevision(text, { file });
  const updated = setReleaseRevision(text, options.revision, { file });
  if (updated !== text) await Deno.writeTextFile(join(root, file), updated);
  return { file, field: before.field, before: before.revision, after: options.revision };
}

/** `releases/dev/feedback.yaml: spec.revision sha256:aaa… -> sha256:bbb…` */
export function describeChange(change: RevisionChange): string {
  return change.before === change.after
    ? `${change.file}: ${change.field} already ${change.after}`
    : `${change.file}: ${change.field} ${change.before} -> ${change.after}`;
}
