import assert from "node:assert/strict";
import { classifyAwsError } from "./errors.ts";

Deno.test("classifyAwsError() turns SDK error names and statuses into the kind that decides what happens next", () => {
  const table = [
    [{ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } }, "not-found", false],
    [{ name: "ClusterNotFoundException", $metadata: { httpStatusCode: 400 } }, "not-found", false],
    [
      { name: "PreconditionFailedException", $metadata: { httpStatusCode: 412 } },
      "conflict",
      false,
    ],
    [{ name: "ResourceConflictException", $metadata: { httpStatusCode: 409 } }, "conflict", false],
    [{ name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } }, "throttled", true],
    [{ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } }, "throttled", true],
    [{ name: "ServiceException", $metadata: { httpStatusCode: 500 } }, "transient", true],
    [{ name: "SomethingNew", $metadata: { httpStatusCode: 503 } }, "transient", true],
    [new TypeError("fetch failed"), "transient", true],
    [
      { name: "InvalidParameterValueException", $metadata: { httpStatusCode: 400 } },
      "terminal",
      false,
    ],
    [{ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } }, "terminal", false],
  ] as const;
  for (const [error, kind, retryable] of table) {
    const classified = classifyAwsError("UpdateAlias", error);
    assert.equal(classified.kind, kind, String((error as { name: string }).name));
    assert.equal(classified.retryable, retryable);
    assert.match(classified.message, /^UpdateAlias: /);
  }
});
