/**
 * YAML text → documents with positions, using the `yaml` package's document model.
 * The only module that touches raw YAML. Hostile input (huge files, deep nesting,
 * alias bombs) ends in a problem, never a crash or a hang.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";
import type { Document, Node, Pair } from "yaml";
import type { Problem } from "./problem.ts";

/** Largest manifest file accepted; manifests are a few KiB. */
export const MAX_FILE_BYTES = 256 * 1024;
/** Deepest nesting accepted on one line: flow (`[[[…]]]`, `{{…}}`) or compact (`- - - x`). */
export const MAX_NESTING_DEPTH = 64;
/** Alias expansions allowed per document (the `yaml` package's guard against bombs). */
export const MAX_ALIAS_COUNT = 100;

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One YAML document of a file: its plain data and a way back to positions. */
export interface YamlDocument {
  readonly data: unknown;
  /** Where the document's content starts. */
  readonly start: Position;
  /**
   * Position of the node at `path`, or of the nearest enclosing one that exists.
   * With `key`, the position of the mapping key naming the last segment.
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): Position;
}

export interface ParsedYaml {
  readonly documents: readonly YamlDocument[];
  readonly problems: readonly Problem[];
}

/** Parses a (possibly multi-document) YAML text; documents with syntax errors are dropped. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const at = (line: number, column: number, message: string): ParsedYaml => ({
    documents: [],
    problems: [{ file, line, column, path: "", message }],
  });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_FILE_BYTES) {
    return at(1, 1, `file is ${bytes} bytes; manifests are limited to ${MAX_FILE_BYTES} bytes`);
  }
  const deep = findDeepFlowNesting(text) ?? COMPACT_NESTING.exec(text)?.index;
  if (deep !== undefined) {
    const pos = positionOf(text, deep);
    return at(pos.line, pos.column, `nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const documents: YamlDocument[] = [];
  const problems: Problem[] = [];
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const { line, column } = position(error.pos[0]);
        problems.push({ file, line, column, path: "", message: syntaxMessage(error.message) });
      }
      continue;
    }
    if (doc.contents === null) continue;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const { line, column } = position(doc.contents.range?.[0] ?? 0);
      const why = error instanceof ReferenceError
        ? `more than ${MAX_ALIAS_COUNT} alias expansions (anchor/alias bomb?)`
        : `cannot read YAML: ${error instanceof Error ? error.message : String(error)}`;
      problems.push({ file, line, column, path: "", message: why });
      continue;
    }
    if (data === null || data === undefined) continue;
    documents.push({
      data,
      start: position(doc.contents.range?.[0] ?? 0),
      locate: (path, options) => position(locateOffset(doc, path, options?.key ?? false)),
    });
  }
  return { documents, problems };
}

function syntaxMessage(message: string): string {
  if (/call stack|stack overflow/i.test(message)) return "nesting too deep to read";
  const first = message.replace(/ at line \d+, column \d+[\s\S]*$/, "").split("\n")[0] ?? message;
  return `YAML syntax error: ${first}`;
}

function locateOffset(doc: Document, path: readonly PropertyKey[], wantKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(doc);
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => keyText(p.key) === String(segment));
      if (pair === undefined) return offset;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (node === undefined) return offset;
    } else return offset;
    const last = i === path.length - 1;
    const keyStart = rangeStart(keyNode);
    const valueStart = rangeStart(node);
    if (last && wantKey && keyStart !== undefined) return keyStart;
    offset = (last ? valueStart ?? keyStart : keyStart ?? valueStart) ?? offset;
    if (last) return offset;
  }
  return offset;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" ? key : undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** A line opening more than {@link MAX_NESTING_DEPTH} compact collections (`- - - … x`). */
const COMPACT_NESTING = new RegExp(`^[ \\t]*(?:[-?:][ \\t]+){${MAX_NESTING_DEPTH + 1}}`, "m");

/** Offset where flow nesting first exceeds {@link MAX_NESTING_DEPTH}, skipping quotes and comments. */
function findDeepFlowNesting(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,]/.test(text[i - 1] ?? ""))) quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_NESTING_DEPTH) return i;
    } else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Offset → line/column for problems found before the YAML parser runs. */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
