/**
 * Container image references (`[registry/]repository[:tag][@sha256:digest]`).
 * A release must pin its image: a tag other than the mutable `latest`, or a digest.
 * A service's container template names the repository only.
 */

const DIGEST = "sha256:[a-f0-9]{64}";
const TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
const PATH = "(?:[^\\s/@]+/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";

/** JSON Schema pattern of a pinned image (explicit tag that is not `latest`, or a digest). */
export const IMAGE_PATTERN = `^${PATH}(?::(?!latest(?:@|$))${TAG}(?:@${DIGEST})?|@${DIGEST})$`;

/** JSON Schema pattern of a repository without tag or digest. */
export const REPOSITORY_PATTERN = `^${PATH}$`;

/** A parsed image reference. */
export interface ImageRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const IMAGE_RE = new RegExp(`^(${PATH})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** Splits an image reference, or returns `undefined` when it is malformed. */
export function parseImageRef(text: string): ImageRef | undefined {
  const match = IMAGE_RE.exec(text);
  if (match === null) return undefined;
  const [, repository = "", tag, digest] = match;
  return { repository, ...(tag === undefined ? {} : { tag }), ...(digest ? { digest } : {}) };
}

/** Why `text` is not a pinned image, as a complete sentence, or `undefined` when it is. */
export function imageProblem(text: string): string | undefined {
  const found = JSON.stringify(text);
  const ref = parseImageRef(text);
  if (ref === undefined) {
    return `expected an image like ml-news-inference:1.0.0 or repo@sha256:<digest>, found ${found}`;
  }
  if (ref.tag === undefined && ref.digest === undefined) {
    return `expected an image with an explicit tag or digest (like ${ref.repository}:1.0.0), found ${found}`;
  }
  if (ref.tag === "latest" && ref.digest === undefined) {
    return `expected an immutable tag or a digest, found ${found} (the tag "latest" is mutable)`;
  }
  if (ref.tag === "latest") {
    return `expected an immutable tag or a digest alone, found ${found} (the tag "latest" is mutable)`;
  }
  return undefined;
}
