/**
 * Tokenizer of the condition language (see `expression.ts`). Columns are 1-based so that
 * a manifest validator can add them to the column of the YAML scalar.
 */

export type TokenKind = "number" | "identifier" | "operator" | "(" | ")" | "," | "end";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly column: number;
}

/** A syntax or type error in a condition, at a 1-based column of the condition text. */
export class ConditionSyntaxError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(`column ${column}: ${message}`);
    this.name = "ConditionSyntaxError";
    this.column = column;
  }
}

const OPERATORS = ["<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "!"];
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The match of a sticky regex at `at`, if any. */
function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Splits `text` into tokens; the last token is always `end`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      at++;
      continue;
    }
    const number = matchAt(NUMBER, text, at);
    const identifier = number === undefined ? matchAt(IDENTIFIER, text, at) : undefined;
    const operator = OPERATORS.find((op) => text.startsWith(op, at));
    if (number !== undefined) {
      tokens.push({ kind: "number", text: number, column: at + 1 });
      at += number.length;
    } else if (identifier !== undefined) {
      tokens.push({ kind: "identifier", text: identifier, column: at + 1 });
      at += identifier.length;
    } else if (char === "(" || char === ")" || char === ",") {
      tokens.push({ kind: char, text: char, column: at + 1 });
      at++;
    } else if (operator !== undefined) {
      tokens.push({ kind: "operator", text: operator, column: at + 1 });
      at += operator.length;
    } else {
      const hint = char === "="
        ? " (did you mean `==`?)"
        : char === "&" || char === "|"
        ? ` (did you mean \`${char}${char}\`?)`
        : "";
      throw new ConditionSyntaxError(`unexpected character ${JSON.stringify(char)}${hint}`, at + 1);
    }
  }
  tokens.push({ kind: "end", text: "", column: text.length + 1 });
  return tokens;
}
