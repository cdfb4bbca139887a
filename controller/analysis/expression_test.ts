import assert from "node:assert/strict";
import {
  type Condition,
  evaluateCondition,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_LENGTH,
  parseCondition,
} from "./expression.ts";

function parse(text: string): Condition {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return parsed.condition;
}

function columnOf(text: string): { column: number; message: string } {
  const parsed = parseCondition(text);
  assert.ok(!parsed.ok, `${text} should not parse`);
  return { column: parsed.error.column, message: parsed.error.message };
}

Deno.test("evaluateCondition() follows precedence, comparison and logic rules", () => {
  const table: [string, number, number | undefined, boolean][] = [
    ["result <= stable + 0.01", 0.02, 0.015, true],
    ["result <= stable + 0.01", 0.03, 0.015, false],
    ["result > stable + 0.05", 0.07, 0.01, true],
    ["result >= stable - 0.01", 0.905, 0.91, true],
    ["result < 1000", 999.9, undefined, true],
    ["result < 1000", 1000, undefined, false],
    ["1 + 2 * 3 == 7", 0, undefined, true],
    ["(1 + 2) * 3 == 9", 0, undefined, true],
    ["10 - 4 - 3 == 3", 0, undefined, true],
    ["8 / 4 / 2 == 1", 0, undefined, true],
    ["-result < 0", 2, undefined, true],
    ["- -result == 2", 2, undefined, true],
    ["!(result > 1)", 0.5, undefined, true],
    ["result > 1 || result < -1", 0, undefined, false],
    ["result > -1 && result < 1", 0, undefined, true],
    ["true && !false", 0, undefined, true],
    ["result > 1 == false", 0, undefined, true],
    ["result != 3", 3, undefined, false],
    ["abs(result - stable) <= 0.01", 0.5, 0.505, true],
    ["max(result, stable, 0.1) == 0.3", 0.3, 0.2, true],
    ["min(result, stable) == 0.2", 0.3, 0.2, true],
    ["1e3 == 1000 && .5 == 0.5 && 2.5E-1 == 0.25", 0, undefined, true],
  ];
  for (const [text, result, stable, expected] of table) {
    const evaluation = evaluateCondition(parse(text), { result, stable });
    assert.deepEqual(evaluation, { ok: true, value: expected }, text);
  }
});

Deno.test("parseCondition() records whether the condition needs a stable measurement", () => {
  assert.equal(parse("result <= stable + 0.01").usesStable, true);
  assert.equal(parse("result < 0.05").usesStable, false);
});

Deno.test("parseCondition() reports syntax and type errors at their column", () => {
  const table: [string, number, RegExp][] = [
    ["", 1, /expected a number, `result` or `stable`, found the end/],
    ["result <", 9, /found the end of the condition/],
    ["result < 0.05)", 14, /expected an operator or the end, found `\)`/],
    ["(result < 0.05", 15, /expected `\)`/],
    ["result = 1", 8, /unexpected character "=" \(did you mean `==`\?\)/],
    ["result < 1 & stable < 1", 12, /did you mean `&&`/],
    ["reslt < 0.05", 1, /unknown name `reslt`/],
    ["result", 1, /must be true or false, found a number/],
    ["result + 1", 1, /must be true or false/],
    ["result < 1 < 2", 12, /cannot be chained/],
    ["result && true", 1, /`&&` needs a true\/false value, found a number/],
    ["!result", 2, /`!` needs a true\/false value/],
    ["-(result < 1)", 2, /`-` needs a number/],
    ["(result < 1) + 1 > 0", 1, /`\+` needs a number/],
    ["result == true", 11, /`==` needs a number/],
    ["abs(result, 1) > 0", 1, /`abs` takes 1 argument\(s\), found 2/],
    ["min(result) > 0", 1, /`min` takes 2 to 8/],
    ["abs result > 0", 5, /expected `\(` after `abs`/],
    ["result < 1e999", 10, /out of range/],
    ["result < $x", 10, /unexpected character "\$"/],
    [`${"r".repeat(100)} < 1`, 1, /unknown name `r{100}`/],
  ];
  for (const [text, column, pattern] of table) {
    const error = columnOf(text);
    assert.equal(error.column, column, `${text}: ${error.message}`);
    assert.match(error.message, pattern, text);
    assert.match(error.message, new RegExp(`^column ${column}: `), text);
  }
});

Deno.test("evaluateCondition() fails without deciding when a value is missing or not finite", () => {
  const needsStable = parse("result <= stable + 0.01");
  assert.deepEqual(evaluateCondition(needsStable, { result: 0.01 }), {
    ok: false,
    message: "`stable` has no value in this measurement",
  });
  assert.deepEqual(evaluateCondition(parse("result / stable < 2"), { result: 1, stable: 0 }), {
    ok: false,
    message: "division by zero",
  });
  assert.deepEqual(evaluateCondition(parse("result < 1"), { result: Number.NaN }), {
    ok: false,
    message: "result is not a finite number",
  });
  const overflow = evaluateCondition(parse("result * 1e308 > 0"), { result: 1e308 });
  assert.deepEqual(overflow, { ok: false, message: "the product is not a finite number" });
});

Deno.test("evaluateCondition() short-circuits so guards protect later terms", () => {
  const guarded = parse("stable == 0 || result / stable < 2");
  assert.deepEqual(evaluateCondition(guarded, { result: 1, stable: 0 }), { ok: true, value: true });
});

Deno.test("parseCondition() rejects hostile input quickly with a clear error", () => {
  const deep = "(".repeat(500) + "result < 1" + ")".repeat(500);
  const nested = columnOf(deep);
  assert.equal(nested.column, MAX_CONDITION_DEPTH + 1);
  assert.match(nested.message, /nesting deeper than 32 levels/);

  const justDeepEnough = "(".repeat(MAX_CONDITION_DEPTH) + "result < 1" +
    ")".repeat(MAX_CONDITION_DEPTH);
  assert.ok(parseCondition(justDeepEnough).ok);

  assert.match(columnOf("!".repeat(100) + "true").message, /nesting deeper/);
  assert.match(columnOf("abs(".repeat(100) + "1" + ")".repeat(100) + " > 0").message, /nesting/);

  const huge = "result < 1 && ".repeat(100_000) + "true";
  const tooLong = columnOf(huge);
  assert.equal(tooLong.column, MAX_CONDITION_LENGTH + 1);
  assert.match(tooLong.message, /at most 1024 are allowed/);

  // A long but legal flat chain parses without recursion problems.
  const chain = Array.from({ length: 60 }, () => "result < 1").join(" && ");
  assert.ok(chain.length <= MAX_CONDITION_LENGTH);
  assert.ok(parseCondition(chain).ok);
});

Deno.test("parseCondition() never throws on random garbage", () => {
  const alphabet = [
    "result",
    "stable",
    "(",
    ")",
    "<",
    "<=",
    "&&",
    "||",
    "!",
    "-",
    "+",
    "*",
    "/",
    "1",
    "0.5",
    ",",
    "abs",
    "max",
    "=",
    "&",
    "\u0000",
    "é",
    " ",
    "true",
    "'",
    '"',
    "[",
    "]",
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2_000; i++) {
    const length = Math.floor(random() * 20);
    const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)])
      .join(random() < 0.5 ? " " : "");
    const parsed = parseCondition(text);
    if (parsed.ok) {
      const evaluation = evaluateCondition(parsed.condition, {
        result: random(),
        stable: random(),
      });
      assert.equal(typeof evaluation.ok, "boolean");
    } else {
      assert.ok(parsed.error.column >= 1 && parsed.error.column <= text.length + 1, text);
    }
  }
});
