/**
 * An error as an AWS service returns it: an error code (the SDK's exception class name),
 * an HTTP status and a message. Protocol adapters (REST-JSON for Lambda, JSON 1.x for ECS)
 * render it into the headers and body the SDK parses into its typed exceptions.
 */
export class AwsError extends Error {
  override readonly name = "AwsError";

  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    /** Extra members of the error body (e.g. Lambda's `Reason`) and extra headers. */
    readonly extra: {
      readonly body?: Readonly<Record<string, unknown>>;
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(message);
  }
}

/** True for errors the server caused (5xx); their body `Type` is `Service`, not `User`. */
export function isServerFault(error: AwsError): boolean {
  return error.status >= 500;
}
