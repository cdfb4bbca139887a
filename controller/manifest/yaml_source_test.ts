import assert from "node:assert/strict";
import { formatProblem } from "./problem.ts";
import { MAX_ALIAS_COUNT, MAX_FILE_BYTES, MAX_NESTING_DEPTH, parseYaml } from "./yaml_source.ts";

const messages = (text: string) => parseYaml(text, "x.yaml").problems.map(formatProblem);

Deno.test("parseYaml() locates values, keys, and the nearest parent of missing paths", () => {
  const text = "spec:\n  steps:\n    - setWeight: 10\n    - pause: {duration: 5m}\n";
  const [doc] = parseYaml(text, "x.yaml").documents;
  assert.ok(doc !== undefined);
  assert.deepEqual(doc.locate(["spec", "steps", 1, "pause", "duration"]), { line: 4, column: 25 });
  assert.deepEqual(doc.locate(["spec", "steps", 0, "setWeight"], { key: true }), {
    line: 3,
    column: 7,
  });
  assert.deepEqual(doc.locate(["spec", "missing"]), { line: 1, column: 1 });
  assert.deepEqual(doc.locate(["spec", "steps", 7]), { line: 2, column: 3 });
  assert.deepEqual(doc.start, { line: 1, column: 1 });
});

Deno.test("parseYaml() reads every document of a stream and skips empty or null ones", () => {
  const { documents, problems } = parseYaml(
    "a: 1\n---\n# only a comment\n---\n~\n---\nb: 2\n",
    "x.yaml",
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(documents.map((d) => d.data), [{ a: 1 }, { b: 2 }]);
  assert.deepEqual(documents[1]?.start, { line: 7, column: 1 });
});

Deno.test("parseYaml() rejects files over the size cap before parsing", () => {
  const text = "a: " + "x".repeat(MAX_FILE_BYTES);
  assert.deepEqual(messages(text), [
    `x.yaml:1:1: file is ${
      MAX_FILE_BYTES + 3
    } bytes; manifests are limited to ${MAX_FILE_BYTES} bytes`,
  ]);
});

Deno.test("parseYaml() rejects nesting deeper than the limit, quotes and comments aside", () => {
  const deep = "a: " + "[".repeat(MAX_NESTING_DEPTH + 1) + "]".repeat(MAX_NESTING_DEPTH + 1);
  assert.deepEqual(messages(deep), [
    `x.yaml:1:${4 + MAX_NESTING_DEPTH}: nesting deeper than 64 levels`,
  ]);
  const harmless = `a: "${"[".repeat(200)}"\n# ${"{".repeat(200)}\nb: '${"{".repeat(200)}'\n`;
  assert.deepEqual(messages(harmless), []);
  const ok = "a: " + "[".repeat(MAX_NESTING_DEPTH) + "]".repeat(MAX_NESTING_DEPTH);
  assert.deepEqual(messages(ok), []);
  const compact = "a: 1\nb:\n  " + "- ".repeat(MAX_NESTING_DEPTH + 1) + "x\n";
  assert.deepEqual(messages(compact), ["x.yaml:3:1: nesting deeper than 64 levels"]);
  const shallow = "b:\n  " + "- ".repeat(MAX_NESTING_DEPTH) + "x\n";
  assert.deepEqual(messages(shallow), []);
});

Deno.test("parseYaml() stops alias bombs with a clear problem", () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [prev, next] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"]]) {
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(",")}]`);
  }
  assert.deepEqual(messages(lines.join("\n")), [
    `x.yaml:1:1: more than ${MAX_ALIAS_COUNT} alias expansions (anchor/alias bomb?)`,
  ]);
  const fine = parseYaml("base: &b {x: 1}\nuse: *b\n", "x.yaml");
  assert.deepEqual(fine.documents[0]?.data, { base: { x: 1 }, use: { x: 1 } });
});

Deno.test("parseYaml() reports every syntax error with its position, without the code frame", () => {
  assert.deepEqual(messages("a: [1, 2\nb: c: d\n"), [
    "x.yaml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    "x.yaml:2:4: YAML syntax error: Nested mappings are not allowed in compact mappings",
  ]);
});
