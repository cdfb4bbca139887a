import assert from "node:assert/strict";
import { CsvError, parseCsv } from "./csv.ts";

Deno.test("parseCsv() reads quoted fields with doubled quotes, commas and newlines inside", () => {
  const rows = parseCsv('"1","He said ""hi""","a, b\nc"\n"2","x","y"\n');
  assert.deepEqual(rows, [["1", 'He said "hi"', "a, b\nc"], ["2", "x", "y"]]);
});

Deno.test("parseCsv() accepts CRLF line endings and unquoted fields", () => {
  assert.deepEqual(parseCsv("a,b\r\nc,d"), [["a", "b"], ["c", "d"]]);
});

Deno.test("parseCsv() reports the line where an unterminated quoted field starts", () => {
  assert.throws(() => parseCsv('"1","ok","fine"\n"2","broken,\nmore'), (e: unknown) => {
    assert.ok(e instanceof CsvError);
    assert.equal(e.line, 2);
    assert.match(e.message, /unterminated/);
    return true;
  });
});

Deno.test("parseCsv() rejects text glued to a closing quote", () => {
  assert.throws(() => parseCsv('"a"b,c'), /expected a comma or end of line/);
});
