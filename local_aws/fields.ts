import { AwsError } from "./aws_error.ts";

/**
 * Reads typed members out of a decoded JSON request body, failing with the service's
 * validation error (Lambda: InvalidParameterValueException, ECS: InvalidParameterException)
 * and a message naming the member, what was expected and what was found.
 */
export class Fields {
  constructor(
    readonly input: Readonly<Record<string, unknown>>,
    readonly errorCode: string,
  ) {}

  /** Wraps a request body that must be a JSON object. */
  static of(body: unknown, errorCode: string): Fields {
    if (body === undefined || body === null) return new Fields({}, errorCode);
    if (typeof body !== "object" || Array.isArray(body)) {
      throw new AwsError(errorCode, "The request body must be a JSON object.");
    }
    return new Fields(body as Record<string, unknown>, errorCode);
  }

  has(name: string): boolean {
    return this.input[name] !== undefined && this.input[name] !== null;
  }

  string(name: string): string | undefined {
    return this.#typed(name, "string", (v) => typeof v === "string") as string | undefined;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw this.missing(name);
    return value;
  }

  number(name: string): number | undefined {
    return this.#typed(name, "number", (v) => typeof v === "number" && Number.isFinite(v)) as
      | number
      | undefined;
  }

  integer(name: string, range: { min: number; max: number }): number | undefined {
    const value = this.number(name);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw this.invalid(name, `an integer in [${range.min}, ${range.max}]`, value);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    return this.#typed(name, "boolean", (v) => typeof v === "boolean") as boolean | undefined;
  }

  object(name: string): Fields | undefined {
    const value = this.#typed(
      name,
      "object",
      (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    );
    return value === undefined
      ? undefined
      : new Fields(value as Record<string, unknown>, this.errorCode);
  }

  array(name: string): unknown[] | undefined {
    return this.#typed(name, "list", Array.isArray) as unknown[] | undefined;
  }

  stringArray(name: string): string[] | undefined {
    const list = this.array(name);
    if (list?.some((item) => typeof item !== "string")) {
      throw this.invalid(name, "a list of strings", list);
    }
    return list as string[] | undefined;
  }

  stringMap(name: string): Record<string, string> | undefined {
    const map = this.object(name)?.input;
    if (map && Object.values(map).some((v) => typeof v !== "string")) {
      throw this.invalid(name, "a map of string to string", map);
    }
    return map as Record<string, string> | undefined;
  }

  missing(name: string): AwsError {
    return new AwsError(this.errorCode, `${name} is required and must not be empty.`);
  }

  invalid(name: string, expected: string, found: unknown): AwsError {
    return new AwsError(
      this.errorCode,
      `Invalid value for ${name}: expected ${expected}, found ${JSON.stringify(found)}.`,
    );
  }

  #typed(name: string, expected: string, ok: (v: unknown) => boolean): unknown {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!ok(value)) throw this.invalid(name, `a ${expected}`, value);
    return value;
  }
}
