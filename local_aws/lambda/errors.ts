import { AwsError } from "../aws_error.ts";

/** Lambda's error codes and statuses (AWS Lambda API reference, "Errors"). */
export function notFound(message: string): AwsError {
  return new AwsError("ResourceNotFoundException", message, 404);
}

export function functionNotFound(arn: string): AwsError {
  return notFound(`Function not found: ${arn}`);
}

export function conflict(message: string): AwsError {
  return new AwsError("ResourceConflictException", message, 409);
}

export function invalidParameter(message: string): AwsError {
  return new AwsError("InvalidParameterValueException", message, 400);
}

export function preconditionFailed(resource: "Function" | "Alias"): AwsError {
  const api = resource === "Function" ? "GetFunction" : "GetAlias";
  return new AwsError(
    "PreconditionFailedException",
    `The Revision Id provided does not match the latest Revision Id. Call the ${api} API to retrieve the latest Revision Id`,
    412,
  );
}

export function tooManyRequests(): AwsError {
  // No Retry-After header: the SDK then backs off exponentially (Lambda sends one only for
  // some throttles, and a 1 s floor would make every throttling test slow).
  return new AwsError("TooManyRequestsException", "Rate exceeded", 429, {
    body: { Reason: "CallerRateLimitExceeded" },
  });
}

export function serviceError(status = 500): AwsError {
  return new AwsError(
    "ServiceException",
    "Lambda encountered an internal error (injected fault).",
    status,
  );
}
