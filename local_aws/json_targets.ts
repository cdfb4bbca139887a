/**
 * Registry of the services spoken over AWS's JSON 1.0/1.1 protocols. Such requests are
 * `POST /` with header `X-Amz-Target: <prefix><Operation>` and a JSON body; the server picks
 * the service whose prefix the target starts with.
 *
 * Shape: `{ "<X-Amz-Target prefix>": (deps) => JsonTarget }`. To add a service, write its
 * factory and add one line here, e.g. `"DynamoDB_20120810.": createDynamoDbTarget,`.
 */
import type { AwsError } from "./aws_error.ts";
import type { Clock } from "./clock.ts";
import type { RequestContext } from "./context.ts";
import { createDynamoDbTarget, DYNAMODB_TARGET_PREFIX } from "./dynamodb/target.ts";
import { createEcsTarget } from "./ecs/service.ts";
import type { EcsTiming } from "./ecs/timing.ts";
import type { StateStore } from "./store.ts";

export interface JsonTarget {
  /** Short name used by fault rules (`ecs:UpdateService`). */
  readonly service: string;
  /** Namespace of `__type` in error bodies, e.g. `com.amazonaws.ecs`. */
  readonly errorNamespace: string;
  /** `application/x-amz-json-1.1` or `application/x-amz-json-1.0`. */
  readonly contentType: string;
  /** Runs one operation; returns the JSON response body or throws an AwsError. */
  handle(operation: string, input: unknown, ctx: RequestContext): Promise<unknown>;
  /** The error a throttling fault produces. */
  throttleError(): AwsError;
  /** The error a 5xx fault produces. */
  serverError(status: number): AwsError;
}

/** What a JSON target may use from its host. */
export interface JsonTargetDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly random: () => number;
  readonly timing: EcsTiming;
}

export type JsonTargetFactory = (deps: JsonTargetDeps) => JsonTarget;

export const JSON_TARGETS: Readonly<Record<string, JsonTargetFactory>> = {
  "AmazonEC2ContainerServiceV20141113.": createEcsTarget,
  [DYNAMODB_TARGET_PREFIX]: createDynamoDbTarget,
};
