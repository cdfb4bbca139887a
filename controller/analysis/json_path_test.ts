import assert from "node:assert/strict";
import { parseJsonPath, selectJsonPath, toNumber } from "./json_path.ts";

Deno.test("selectJsonPath() follows names, quoted names and indexes", () => {
  const doc = { a: { b: [{ c: 1 }, 2.5], "odd key": 7 }, list: [1, 2, 3] };
  assert.equal(selectJsonPath(doc, "$.a.b[0].c"), 1);
  assert.equal(selectJsonPath(doc, "$.a.b[1]"), 2.5);
  assert.equal(selectJsonPath(doc, "$['a'][\"odd key\"]"), 7);
  assert.equal(selectJsonPath(doc, "$.list[-1]"), 3);
  assert.deepEqual(selectJsonPath(doc, "$"), doc);
});

Deno.test("selectJsonPath() says where the path stopped matching", () => {
  const doc = { a: { b: [1] } };
  assert.throws(() => selectJsonPath(doc, "$.a.x"), /\$\.a\.x does not exist/);
  assert.throws(() => selectJsonPath(doc, "$.a[0]"), /\$\.a is not an array/);
  assert.throws(() => selectJsonPath(doc, "$.a.b.c"), /\$\.a\.b is not an object/);
  assert.throws(() => selectJsonPath(doc, "$.a.b[3]"), /\$\.a\.b\[3\] does not exist/);
  assert.throws(() => parseJsonPath("$..a"), /unsupported JSON path syntax at column 2/);
  assert.throws(() => parseJsonPath("a.b"), /starts with \$/);
  assert.throws(() => parseJsonPath("$[?(@.a)]"), /unsupported/);
});

Deno.test("toNumber() accepts numbers and numeric strings only", () => {
  assert.equal(toNumber(0.5, "x"), 0.5);
  assert.equal(toNumber("0.25", "x"), 0.25);
  assert.throws(() => toNumber("abc", "$.v"), /\$\.v is "abc", not a number/);
  assert.throws(() => toNumber(true, "$.v"), /not a number/);
  assert.throws(() => toNumber("", "$.v"), /not a number/);
});
