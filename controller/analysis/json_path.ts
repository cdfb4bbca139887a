/**
 * The small JSONPath subset the `web` provider needs: `$`, `.name`, `['name']`, `["name"]`,
 * `[index]` (negative counts from the end). Parsed once; no filters, no wildcards.
 */

export type PathSegment = string | number;

export class JsonPathError extends Error {
  override readonly name = "JsonPathError";
}

const SEGMENT =
  /^(?:\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[\s*(-?\d+)\s*\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])/;

export function parseJsonPath(path: string): PathSegment[] {
  if (!path.startsWith("$")) {
    throw new JsonPathError(`a JSON path starts with $, found ${JSON.stringify(path)}`);
  }
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) {
      throw new JsonPathError(
        `unsupported JSON path syntax at column ${path.length - rest.length + 1} of ${
          JSON.stringify(path)
        }`,
      );
    }
    const [all, name, index, single, double] = match;
    segments.push(index !== undefined ? Number(index) : (name ?? single ?? double)!);
    rest = rest.slice(all.length);
  }
  return segments;
}

/** The value at `path` in `document`, or an error saying where the path stopped matching. */
export function selectJsonPath(document: unknown, path: string): unknown {
  let node = document;
  let at = "$";
  for (const segment of parseJsonPath(path)) {
    if (typeof segment === "number") {
      if (!Array.isArray(node)) throw new JsonPathError(`${at} is not an array`);
      node = node.at(segment);
      at += `[${segment}]`;
    } else {
      if (node === null || typeof node !== "object" || Array.isArray(node)) {
        throw new JsonPathError(`${at} is not an object`);
      }
      node = (node as Record<string, unknown>)[segment];
      at += `.${segment}`;
    }
    if (node === undefined) throw new JsonPathError(`${at} does not exist`);
  }
  return node;
}

/** A number read from JSON: a number, or a string holding one (as Prometheus sends them). */
export function toNumber(value: unknown, what: string): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || Number.isNaN(number)) {
    throw new JsonPathError(`${what} is ${JSON.stringify(value)}, not a number`);
  }
  return number;
}
