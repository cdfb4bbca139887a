/** Evaluation of a parsed condition (see `expression.ts`). Pure; never throws. */
import type { Condition, Expr } from "./expression.ts";

export interface Variables {
  /** The canary's measurement. */
  readonly result: number;
  /** The stable version's measurement in the same window, when the provider measured one. */
  readonly stable?: number | undefined;
}

export type Evaluation =
  | { readonly ok: true; readonly value: boolean }
  | { readonly ok: false; readonly message: string };

class EvaluationError extends Error {}

/**
 * Evaluates `condition` for one measurement. Fails (with a message, never an exception) when
 * the condition reads `stable` and there is none, or when arithmetic leaves the finite numbers
 * (division by zero): a condition over a meaningless number must not decide a rollout.
 */
export function evaluateCondition(condition: Condition, variables: Variables): Evaluation {
  try {
    const value = evaluate(condition.expr, variables);
    return { ok: true, value: value as boolean };
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, message: error.message };
    throw error;
  }
}

function evaluate(expr: Expr, variables: Variables): number | boolean {
  switch (expr.kind) {
    case "number":
    case "boolean":
      return expr.value;
    case "variable": {
      const value = variables[expr.name];
      if (value === undefined) {
        throw new EvaluationError(`\`${expr.name}\` has no value in this measurement`);
      }
      return finite(value, expr.name);
    }
    case "unary": {
      const operand = evaluate(expr.operand, variables);
      return expr.op === "-" ? -(operand as number) : !operand;
    }
    case "call": {
      const args = expr.args.map((arg) => evaluate(arg, variables) as number);
      const value = expr.fn === "abs" ? Math.abs(args[0]!) : Math[expr.fn](...args);
      return value;
    }
    case "binary":
      return binary(expr.op, expr.left, expr.right, variables);
  }
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, variables: Variables) {
  // `&&` and `||` short-circuit, so `stable > 0 || result < 0.01`-style guards work as written.
  if (op === "&&") {
    return evaluate(leftExpr, variables) as boolean && evaluate(rightExpr, variables);
  }
  if (op === "||") {
    return evaluate(leftExpr, variables) as boolean || evaluate(rightExpr, variables);
  }
  const left = evaluate(leftExpr, variables);
  const right = evaluate(rightExpr, variables);
  switch (op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "+":
      return finite((left as number) + (right as number), "the sum");
    case "-":
      return finite((left as number) - (right as number), "the difference");
    case "*":
      return finite((left as number) * (right as number), "the product");
    case "/":
      if (right === 0) throw new EvaluationError("division by zero");
      return finite((left as number) / (right as number), "the quotient");
  }
  throw new EvaluationError(`unknown operator ${op}`);
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new EvaluationError(`${what} is not a finite number`);
  return value;
}
