/**
 * The condition language of `successCondition` / `failureCondition`: a small, safe
 * expression language (no `eval`, no `Function`), parsed once at manifest load and
 * evaluated for every measurement.
 *
 * Grammar (lowest precedence first):
 *
 *   or         := and ("||" and)*
 *   and        := equality ("&&" equality)*
 *   equality   := comparison (("==" | "!=") comparison)?
 *   comparison := sum (("<" | "<=" | ">" | ">=") sum)?
 *   sum        := product (("+" | "-") product)*
 *   product    := unary (("*" | "/") unary)*
 *   unary      := ("-" | "!") unary | primary
 *   primary    := NUMBER | "result" | "stable" | "true" | "false"
 *               | ("abs" | "min" | "max") "(" or ("," or)* ")" | "(" or ")"
 *
 * `result` is the canary's measurement, `stable` the stable version's measurement in the same
 * window. Types are checked at parse time: the whole condition must be boolean, arithmetic
 * and ordering take numbers, `&&` `||` `!` take booleans.
 *
 * @example
 * ```ts
 * const parsed = parseCondition("result <= stable + 0.01");
 * if (!parsed.ok) throw parsed.error; // error.column says where
 * evaluateCondition(parsed.condition, { result: 0.02, stable: 0.015 }); // { ok: true, value: true }
 * ```
 */
import { ConditionSyntaxError, type Token, tokenize } from "./expression_lexer.ts";

export { ConditionSyntaxError } from "./expression_lexer.ts";

/** Longest accepted condition text, in characters. */
export const MAX_CONDITION_LENGTH = 1024;
/** Deepest accepted nesting of parentheses, unary operators and calls. */
export const MAX_CONDITION_DEPTH = 32;

export type ValueType = "number" | "boolean";
export type Variable = "result" | "stable";
type Fn = "abs" | "min" | "max";
const FUNCTIONS: Record<Fn, { min: number; max: number }> = {
  abs: { min: 1, max: 1 },
  min: { min: 2, max: 8 },
  max: { min: 2, max: 8 },
};

export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "variable"; readonly name: Variable }
  | { readonly kind: "unary"; readonly op: "-" | "!"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "call"; readonly fn: Fn; readonly args: readonly Expr[] };

/** A parsed, type-checked condition. Plain data: safe to keep in memory for many evaluations. */
export interface Condition {
  readonly text: string;
  readonly expr: Expr;
  /** True when the condition reads `stable`: the provider must then measure stable too. */
  readonly usesStable: boolean;
}

export type ParseResult =
  | { readonly ok: true; readonly condition: Condition }
  | { readonly ok: false; readonly error: ConditionSyntaxError };

interface Typed {
  readonly expr: Expr;
  readonly type: ValueType;
  readonly column: number;
}

/** Parses and type-checks a condition; never throws for bad input. */
export function parseCondition(text: string): ParseResult {
  try {
    if (text.length > MAX_CONDITION_LENGTH) {
      throw new ConditionSyntaxError(
        `condition is ${text.length} characters long; at most ${MAX_CONDITION_LENGTH} are allowed`,
        MAX_CONDITION_LENGTH + 1,
      );
    }
    const parser = new Parser(tokenize(text));
    const typed = parser.parseAll();
    if (typed.type !== "boolean") {
      throw new ConditionSyntaxError(
        "a condition must be true or false, found a number (add a comparison such as `result < 0.05`)",
        typed.column,
      );
    }
    return { ok: true, condition: { text, expr: typed.expr, usesStable: parser.usesStable } };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return { ok: false, error };
    throw error;
  }
}

class Parser {
  usesStable = false;
  #at = 0;
  #depth = 0;
  readonly #tokens: Token[];

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parseAll(): Typed {
    const typed = this.#or();
    const next = this.#peek();
    if (next.kind !== "end") throw this.#unexpected(next, "an operator or the end");
    return typed;
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #take(): Token {
    const token = this.#tokens[this.#at]!;
    if (token.kind !== "end") this.#at++;
    return token;
  }

  #acceptOperator(ops: readonly string[]): Token | undefined {
    const token = this.#peek();
    return token.kind === "operator" && ops.includes(token.text) ? this.#take() : undefined;
  }

  #unexpected(token: Token, expected: string): ConditionSyntaxError {
    const found = token.kind === "end" ? "the end of the condition" : `\`${token.text}\``;
    return new ConditionSyntaxError(`expected ${expected}, found ${found}`, token.column);
  }

  #nest<T>(column: number, parse: () => T): T {
    if (++this.#depth > MAX_CONDITION_DEPTH) {
      throw new ConditionSyntaxError(`nesting deeper than ${MAX_CONDITION_DEPTH} levels`, column);
    }
    const value = parse();
    this.#depth--;
    return value;
  }

  #expect(typed: Typed, type: ValueType, op: string): void {
    if (typed.type !== type) {
      throw new ConditionSyntaxError(
        `\`${op}\` needs a ${type === "number" ? "number" : "true/false value"}, found a ${
          typed.type === "number" ? "number" : "true/false value"
        }`,
        typed.column,
      );
    }
  }

  #binaryLevel(ops: readonly string[], operand: ValueType, result: ValueType, next: () => Typed) {
    let left = next();
    for (let op = this.#acceptOperator(ops); op; op = this.#acceptOperator(ops)) {
      const right = next();
      this.#expect(left, operand, op.text);
      this.#expect(right, operand, op.text);
      left = {
        expr: { kind: "binary", op: op.text, left: left.expr, right: right.expr },
        type: result,
        column: left.column,
      };
    }
    return left;
  }

  #or = (): Typed => this.#binaryLevel(["||"], "boolean", "boolean", this.#and);
  #and = (): Typed => this.#binaryLevel(["&&"], "boolean", "boolean", this.#equality);
  #sum = (): Typed => this.#binaryLevel(["+", "-"], "number", "number", this.#product);
  #product = (): Typed => this.#binaryLevel(["*", "/"], "number", "number", this.#unary);

  #equality = (): Typed => {
    const left = this.#comparison();
    const op = this.#acceptOperator(["==", "!="]);
    if (!op) return left;
    const right = this.#comparison();
    this.#expect(right, left.type, op.text);
    this.#rejectChain(["==", "!="]);
    const expr: Expr = { kind: "binary", op: op.text, left: left.expr, right: right.expr };
    return { expr, type: "boolean", column: left.column };
  };

  #comparison = (): Typed => {
    const ops = ["<", "<=", ">", ">="];
    const left = this.#sum();
    const op = this.#acceptOperator(ops);
    if (!op) return left;
    const right = this.#sum();
    this.#expect(left, "number", op.text);
    this.#expect(right, "number", op.text);
    this.#rejectChain(ops);
    const expr: Expr = { kind: "binary", op: op.text, left: left.expr, right: right.expr };
    return { expr, type: "boolean", column: left.column };
  };

  #rejectChain(ops: readonly string[]): void {
    const next = this.#peek();
    if (next.kind === "operator" && ops.includes(next.text)) {
      throw new ConditionSyntaxError(
        `comparisons cannot be chained; join them with \`&&\``,
        next.column,
      );
    }
  }

  #unary = (): Typed => {
    const op = this.#acceptOperator(["-", "!"]);
    if (!op) return this.#primary();
    return this.#nest(op.column, () => {
      const operand = this.#unary();
      this.#expect(operand, op.text === "-" ? "number" : "boolean", op.text);
      const expr: Expr = { kind: "unary", op: op.text as "-" | "!", operand: operand.expr };
      return { expr, type: operand.type, column: op.column };
    });
  };

  #primary = (): Typed => {
    const token = this.#take();
    const column = token.column;
    if (token.kind === "number") {
      const value = Number(token.text);
      if (!Number.isFinite(value)) {
        throw new ConditionSyntaxError(`number ${token.text} is out of range`, column);
      }
      return { expr: { kind: "number", value }, type: "number", column };
    }
    if (token.kind === "(") {
      return this.#nest(column, () => {
        const inner = this.#or();
        const close = this.#take();
        if (close.kind !== ")") throw this.#unexpected(close, "`)`");
        return { ...inner, column };
      });
    }
    if (token.kind !== "identifier") {
      throw this.#unexpected(token, "a number, `result` or `stable`");
    }
    switch (token.text) {
      case "result":
      case "stable":
        if (token.text === "stable") this.usesStable = true;
        return { expr: { kind: "variable", name: token.text }, type: "number", column };
      case "true":
      case "false":
        return { expr: { kind: "boolean", value: token.text === "true" }, type: "boolean", column };
      case "abs":
      case "min":
      case "max":
        return this.#nest(column, () => this.#call(token.text as Fn, column));
      default:
        throw new ConditionSyntaxError(
          `unknown name \`${token.text}\`; expected \`result\`, \`stable\`, \`abs\`, \`min\` or \`max\``,
          column,
        );
    }
  };

  #call(fn: Fn, column: number): Typed {
    const open = this.#take();
    if (open.kind !== "(") throw this.#unexpected(open, `\`(\` after \`${fn}\``);
    const args: Expr[] = [];
    do {
      const arg = this.#or();
      this.#expect(arg, "number", fn);
      args.push(arg.expr);
    } while (this.#peek().kind === "," && this.#take());
    const close = this.#take();
    if (close.kind !== ")") throw this.#unexpected(close, "`,` or `)`");
    const arity = FUNCTIONS[fn];
    if (args.length < arity.min || args.length > arity.max) {
      const wanted = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
      throw new ConditionSyntaxError(
        `\`${fn}\` takes ${wanted} argument(s), found ${args.length}`,
        column,
      );
    }
    return { expr: { kind: "call", fn, args }, type: "number", column };
  }
}

export { evaluateCondition, type Evaluation, type Variables } from "./expression_evaluate.ts";
