/**
 * Fault injection: make chosen API calls fail or slow down, by rate or by count.
 *
 * A rule matches an operation by `operation`: `"*"` (every call), `"ecs:*"` (every call of a
 * service), `"UpdateAlias"` (that operation in any service) or `"lambda:UpdateAlias"`.
 * - `throttle`: the service's throttling error (Lambda `TooManyRequestsException` 429,
 *   ECS `ThrottlingException` 400); the SDK retries these.
 * - `error`: the service's internal error (Lambda `ServiceException`, ECS `ServerException`)
 *   with `status` (default 500).
 * - `latency`: adds `latencyMs` before the call is handled.
 * `count` limits how many calls a rule hits (then it expires); `rate` (0..1, default 1) is the
 * probability that a matching call is hit.
 */
export type FaultKind = "throttle" | "error" | "latency";

export interface FaultRule {
  readonly operation: string;
  readonly kind: FaultKind;
  readonly rate?: number;
  readonly count?: number;
  readonly latencyMs?: number;
  readonly status?: number;
}

/** What happens to one call: an added delay and/or a failure. */
export interface FaultOutcome {
  readonly latencyMs: number;
  readonly failure?: { readonly kind: "throttle" | "error"; readonly status: number };
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** The set of active fault rules of one local AWS instance. */
export class Faults {
  #rules: ActiveRule[] = [];

  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule; throws a RangeError describing the problem for an invalid one. */
  add(rule: FaultRule): void {
    validateRule(rule);
    this.#rules.push({ rule, remaining: rule.count ?? Infinity });
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The rules still active (count not used up). */
  list(): FaultRule[] {
    return this.#rules.map((active) => active.rule);
  }

  /** Decides the fate of one call and uses up counted rules that hit it. */
  decide(service: string, operation: string, random: () => number): FaultOutcome {
    let latencyMs = 0;
    let failure: FaultOutcome["failure"];
    for (const active of this.#rules) {
      const { rule } = active;
      if (!matches(rule.operation, service, operation)) continue;
      if (rule.kind !== "latency" && failure) continue;
      if (active.remaining <= 0 || random() >= (rule.rate ?? 1)) continue;
      active.remaining -= 1;
      if (rule.kind === "latency") latencyMs += rule.latencyMs ?? 0;
      else failure = { kind: rule.kind, status: rule.status ?? (rule.kind === "error" ? 500 : 0) };
    }
    this.#rules = this.#rules.filter((active) => active.remaining > 0);
    return failure ? { latencyMs, failure } : { latencyMs };
  }
}

function matches(pattern: string, service: string, operation: string): boolean {
  if (pattern === "*" || pattern === operation) return true;
  const [patternService, patternOperation] = pattern.split(":");
  return patternService === service &&
    (patternOperation === "*" || patternOperation === operation);
}

function validateRule(rule: FaultRule): void {
  const problems: string[] = [];
  if (typeof rule.operation !== "string" || rule.operation === "") {
    problems.push(`operation: expected "*", "service:*", "Operation" or "service:Operation"`);
  }
  if (!["throttle", "error", "latency"].includes(rule.kind)) {
    problems.push(`kind: expected throttle | error | latency, found ${JSON.stringify(rule.kind)}`);
  }
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
    problems.push(`rate: expected a number in [0, 1], found ${rule.rate}`);
  }
  if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count > 0)) {
    problems.push(`count: expected a positive integer, found ${rule.count}`);
  }
  if (rule.kind === "latency" && !(typeof rule.latencyMs === "number" && rule.latencyMs >= 0)) {
    problems.push(`latencyMs: expected a number >= 0 for a latency rule, found ${rule.latencyMs}`);
  }
  if (rule.status !== undefined && !(rule.status >= 500 && rule.status <= 599)) {
    problems.push(`status: expected a 5xx status, found ${rule.status}`);
  }
  if (problems.length > 0) throw new RangeError(`invalid fault rule: ${problems.join("; ")}`);
}
