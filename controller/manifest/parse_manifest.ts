/** One YAML document → one typed, readonly manifest, or the problems that prevent it. */
import { expectation, issuesToProblems } from "./issues.ts";
import { jsonSchemaOf } from "./json_schema.ts";
import { isKindName, KIND_NAMES, type KindName, KINDS, type Manifest } from "./kinds.ts";
import type { Problem } from "./problem.ts";
import { didYouMean } from "./suggest.ts";
import { parseYaml, type YamlDocument } from "./yaml_source.ts";

/** A parsed manifest with the document it came from, for cross-file problems. */
export interface LocatedManifest {
  readonly kind: KindName;
  readonly manifest: Manifest;
  readonly doc: YamlDocument;
}

/** A manifest that failed validation but names itself: references to it are not errors. */
export interface InvalidManifest {
  readonly kind: KindName;
  readonly name: string;
}

export interface ParsedFile {
  readonly manifests: readonly LocatedManifest[];
  readonly invalid: readonly InvalidManifest[];
  readonly problems: readonly Problem[];
}

/** Parses every document of a manifest file's text; `file` is used in problems only. */
export function parseManifestFile(text: string, file: string): ParsedFile {
  const { documents, problems: syntax } = parseYaml(text, file);
  const problems = [...syntax];
  const manifests: LocatedManifest[] = [];
  const invalid: InvalidManifest[] = [];
  if (documents.length === 0 && syntax.length === 0) {
    problems.push({
      file,
      line: 1,
      column: 1,
      path: "",
      message: "expected a manifest, found none",
    });
  }
  for (const doc of documents) {
    const result = parseManifestDocument(doc, file);
    problems.push(...result.problems);
    if (result.manifest !== undefined) manifests.push(result.manifest);
    else if (result.invalid !== undefined) invalid.push(result.invalid);
  }
  return { manifests, invalid, problems };
}

function parseManifestDocument(
  doc: YamlDocument,
  file: string,
): { manifest?: LocatedManifest; invalid?: InvalidManifest; problems: Problem[] } {
  const at = (path: string, message: string, key: PropertyKey[] = []) => {
    const { line, column } = doc.locate(key);
    return { problems: [{ file, line, column, path, message }] };
  };
  const data = doc.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const found = Array.isArray(data) ? "a list" : data === null ? "an empty value" : "a scalar";
    return at(
      "",
      `expected a manifest (a mapping with apiVersion, kind, metadata and spec), found ${found}`,
    );
  }
  const kind = (data as Record<string, unknown>)["kind"];
  if (kind === undefined) return at("kind", "missing required field");
  if (!isKindName(kind)) {
    const found = typeof kind === "string"
      ? JSON.stringify(kind)
      : kind === null
      ? "an empty value"
      : `a ${Array.isArray(kind) ? "list" : typeof kind === "object" ? "mapping" : typeof kind}`;
    const kinds = KIND_NAMES.map((k) => JSON.stringify(k)).join(", ");
    const hint = typeof kind === "string" ? didYouMean(kind, KIND_NAMES) : "";
    return at("kind", `expected one of ${kinds}, found ${found}${hint}`, ["kind"]);
  }
  const result = KINDS[kind].schema.safeParse(data, { error: expectation });
  if (!result.success) {
    const schema = jsonSchemaOf(kind);
    const problems = issuesToProblems(result.error.issues, { file, doc, schema });
    const name = (data as { metadata?: { name?: unknown } }).metadata?.name;
    return typeof name === "string" ? { invalid: { kind, name }, problems } : { problems };
  }
  const manifest = { ...result.data, file } as Manifest;
  return { manifest: { kind, manifest: deepFreeze(manifest), doc }, problems: [] };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
