/**
 * Zod issues → located problems whose messages say what was expected and what was found.
 * Schema-level messages are "expected …" phrases; {@link expectation} supplies the rest.
 */
import type { z } from "zod";
import { FULL_MESSAGE, UNLESS_UNKNOWN_FIELD } from "./fields.ts";
import { fieldNamesAt, type JsonSchema } from "./json_schema.ts";
import { formatPath, type Problem, quote } from "./problem.ts";
import { didYouMean } from "./suggest.ts";
import type { YamlDocument } from "./yaml_source.ts";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  record: "a mapping",
};

/** The parse-level error map: an "expected …" phrase for issues without a schema message. */
export function expectation(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return bound(issue.origin, issue.inclusive ? ">=" : ">", issue.minimum, "at least");
    case "too_big":
      return bound(issue.origin, issue.inclusive ? "<=" : "<", issue.maximum, "at most");
    case "invalid_format":
      return `a string matching ${"pattern" in issue ? String(issue.pattern) : issue.format}`;
    default:
      return "a valid value";
  }
}

function bound(origin: string, op: string, limit: unknown, word: string): string {
  if (origin === "array" || origin === "set") return `${word} ${limit} items`;
  if (origin === "string") return `${word} ${limit} characters`;
  return `a number ${op} ${limit}`;
}

/** Converts the issues of one document into problems, in document order. */
export function issuesToProblems(
  issues: readonly Issue[],
  source: { file: string; doc: YamlDocument; schema: JsonSchema },
): Problem[] {
  const { file, doc, schema } = source;
  const problems: Problem[] = [];
  const unknownAt = new Set(
    issues.filter((i) => i.code === "unrecognized_keys").map((i) => formatPath(i.path)),
  );
  const at = (path: readonly PropertyKey[], message: string, key = false): void => {
    const { line, column } = doc.locate(path, { key });
    problems.push({ file, line, column, path: formatPath(path), message });
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = fieldNamesAt(schema, issue.path);
      for (const key of issue.keys) {
        at(
          [...issue.path, key],
          `unknown field ${quote(key)}${didYouMean(key, known)}`,
          true,
        );
      }
      continue;
    }
    if (issue.code === "custom" && issue.params?.[FULL_MESSAGE] === true) {
      if (issue.params[UNLESS_UNKNOWN_FIELD] === true && unknownAt.has(formatPath(issue.path))) {
        continue;
      }
      at(issue.path, issue.message);
      continue;
    }
    if (issue.code === "invalid_key") {
      const key = String(issue.path.at(-1));
      const expected = issue.issues[0]?.message ?? "a valid key";
      at(issue.path, `expected ${expected} as the key, found ${quote(key)}`, true);
      continue;
    }
    const found = valueAt(doc.data, issue.path);
    if (issue.code === "invalid_type" && !found.present) {
      at(issue.path, "missing required field");
      continue;
    }
    let message = `expected ${issue.message}, found ${describe(found.value, issue)}`;
    if (
      issue.code === "invalid_value" && issue.values.length > 1 && typeof found.value === "string"
    ) {
      message += didYouMean(found.value, issue.values.map(String));
    }
    at(issue.path, message);
  }
  return problems;
}

function valueAt(
  data: unknown,
  path: readonly PropertyKey[],
): { present: boolean; value: unknown } {
  let value = data;
  for (const segment of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, segment)) {
      return { present: false, value: undefined };
    }
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return { present: true, value };
}

function describe(value: unknown, issue: Issue): string {
  const sized = issue.code === "too_big" || issue.code === "too_small";
  if (Array.isArray(value)) return sized ? String(value.length) : `a list of ${value.length}`;
  if (value === null) return "an empty value";
  if (value === undefined) return "nothing";
  if (typeof value === "string") {
    if (value === "") return "an empty string";
    return sized && issue.origin === "string"
      ? `${quote(value)} (${value.length} characters)`
      : quote(value);
  }
  if (typeof value === "object") return value instanceof Date ? value.toISOString() : "a mapping";
  return String(value);
}
