/**
 * Reads and rewrites the revision of one release manifest (`releases/<env>/<name>.yaml`) for
 * the pipeline's pull requests: CI bumps `dev` to a freshly built artifact, `promote` copies
 * it to `production`.
 *
 * The revision is `spec.revision` (`sha256:<64 hex>`, the Lambda ZIP digest) for a
 * `LambdaRelease` and `spec.image` (`<repository>:<tag>` or `<repository>@sha256:<digest>`) for
 * an `EcsRelease`. Edits go through the `yaml` document model so comments, key order and the
 * `yaml-language-server` modeline survive byte for byte (only the value's characters are
 * replaced, located through the document model); the workflows run `deno task validate` afterwards,
 * so the controller's own parser remains the judge of the result.
 */
import { isMap, isScalar, parseDocument } from "yaml";

export type ReleaseKind = "LambdaRelease" | "EcsRelease";

/** The revision a release points at, and the field that holds it. */
export interface ReleaseRevision {
  readonly kind: ReleaseKind;
  readonly name: string;
  readonly field: "spec.revision" | "spec.image";
  readonly revision: string;
}

/** A release file that cannot be read or edited; the message names the file and what is wrong. */
export class ReleaseEditError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    readonly position?: { readonly line: number; readonly column: number },
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ""}: ${detail}`);
    this.name = "ReleaseEditError";
  }
}

const LAMBDA_REVISION = /^sha256:[0-9a-f]{64}$/;
const IMAGE_REFERENCE =
  /^[a-z0-9]+(?:[._\/-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$/;

const fieldOf: Record<ReleaseKind, ReleaseRevision["field"]> = {
  LambdaRelease: "spec.revision",
  EcsRelease: "spec.image",
};

/** Reads the release's kind, name and current revision. */
export function readReleaseRevision(text: string, options: { file: string }): ReleaseRevision {
  const document = parse(text, options.file);
  const kind = kindOf(document.get("kind"), options.file);
  const name = document.getIn(["metadata", "name"]);
  if (typeof name !== "string" || name === "") {
    throw new ReleaseEditError(options.file, "metadata.name: expected a non-empty string");
  }
  const field = fieldOf[kind];
  const revision = document.getIn(field.split("."));
  if (typeof revision !== "string") {
    const why = document.hasIn(["spec", "traffic"])
      ? "the release sets explicit traffic; edit its weights by hand"
      : `expected a string, found ${revision === undefined ? "nothing" : typeof revision}`;
    throw new ReleaseEditError(options.file, `${field}: ${why}`);
  }
  return { kind, name, field, revision };
}

/**
 * Returns the release text with its revision replaced by `revision` and every other byte
 * unchanged. Rejects a revision of the wrong shape for the kind (a Lambda revision that is not
 * `sha256:<hex>`, an image without tag or digest, `latest`).
 */
export function setReleaseRevision(
  text: string,
  revision: string,
  options: { file: string },
): string {
  const current = readReleaseRevision(text, options);
  checkRevisionShape(current.kind, revision, options.file);
  const node = parse(text, options.file).getIn(current.field.split("."), true);
  if (!isScalar(node) || node.range === undefined || node.range === null) {
    throw new ReleaseEditError(options.file, `${current.field}: expected a plain value`);
  }
  const [start, end] = node.range;
  const original = text.slice(start, end);
  const written = original.startsWith('"') || !/^[A-Za-z0-9][\w.:@\/-]*$/.test(revision)
    ? JSON.stringify(revision)
    : original.startsWith("'")
    ? `'${revision}'`
    : revision;
  const updated = text.slice(0, start) + written + text.slice(end);
  if (readReleaseRevision(updated, options).revision !== revision) {
    throw new ReleaseEditError(options.file, `${current.field}: could not be rewritten in place`);
  }
  return updated;
}

function checkRevisionShape(kind: ReleaseKind, revision: string, file: string): void {
  if (kind === "LambdaRelease" && !LAMBDA_REVISION.test(revision)) {
    throw new ReleaseEditError(
      file,
      `spec.revision: expected sha256:<64 lowercase hex> (the ZIP digest), found ${
        JSON.stringify(revision)
      }`,
    );
  }
  if (kind === "EcsRelease") {
    if (!IMAGE_REFERENCE.test(revision)) {
      throw new ReleaseEditError(
        file,
        `spec.image: expected <repository>:<tag> or <repository>@sha256:<digest>, found ${
          JSON.stringify(revision)
        }`,
      );
    }
    if (revision.endsWith(":latest")) {
      throw new ReleaseEditError(
        file,
        "spec.image: the tag latest is mutable; use a commit tag or a digest",
      );
    }
  }
}

function parse(text: string, file: string) {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error !== undefined) {
    const at = error.linePos?.[0];
    const position = at === undefined ? undefined : { line: at.line, column: at.col };
    throw new ReleaseEditError(file, error.message.split(" at line ")[0]!, position);
  }
  if (!isMap(document.contents)) {
    throw new ReleaseEditError(
      file,
      "expected a YAML mapping with apiVersion, kind, metadata, spec",
    );
  }
  return document;
}

function kindOf(kind: unknown, file: string): ReleaseKind {
  if (kind === "LambdaRelease" || kind === "EcsRelease") return kind;
  throw new ReleaseEditError(
    file,
    `kind: expected LambdaRelease or EcsRelease, found ${JSON.stringify(kind ?? null)}`,
  );
}
