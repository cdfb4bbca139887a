/**
 * DynamoDB (JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Operation>`) in local AWS, so Lambda
 * handlers that store data (ml-news-feedback) run against the same endpoint as everything else.
 *
 * The operations are served by dynalite (npm), a DynamoDB implementation that follows AWS's
 * validation rules and error shapes, one in-memory instance per account (accounts never share
 * tables), started on the first DynamoDB request of that account on an ephemeral loopback port.
 * This target forwards the operation and turns dynalite's errors into {@link AwsError}s, so
 * local AWS's fault injection and error rendering apply as for ECS.
 *
 * DynamoDB state lives in the memory of the local AWS process (it is not in the state
 * directory): restarting local AWS empties the tables. dynalite loads a native LevelDB addon
 * when imported, so the process needs `--allow-ffi`; without it DynamoDB requests fail with a
 * 500 that says so, and nothing else is affected (the import is lazy).
 */
import { AwsError } from "../aws_error.ts";
import type { JsonTarget, JsonTargetDeps } from "../json_targets.ts";

export const DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810.";
const CONTENT_TYPE = "application/x-amz-json-1.0";

interface Instance {
  readonly endpoint: string;
  close(): Promise<void>;
}

const instances = new Map<string, Promise<Instance>>();

export function createDynamoDbTarget(_deps: JsonTargetDeps): JsonTarget {
  return {
    service: "dynamodb",
    errorNamespace: "com.amazonaws.dynamodb.v20120810",
    contentType: CONTENT_TYPE,
    async handle(operation, input, ctx) {
      const { endpoint } = await instanceFor(ctx.accountId);
      const response = await fetch(`${endpoint}/`, {
        method: "POST",
        headers: {
          "content-type": CONTENT_TYPE,
          "x-amz-target": `${DYNAMODB_TARGET_PREFIX}${operation}`,
          "x-amz-date": "20200101T000000Z",
          authorization:
            `AWS4-HMAC-SHA256 Credential=${ctx.accountId}/20200101/${ctx.region}/dynamodb/aws4_request, ` +
            "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0",
        },
        body: JSON.stringify(input ?? {}),
      });
      const text = await response.text();
      const body = text === "" ? {} : JSON.parse(text);
      if (response.ok) return body;
      const type = String(body.__type ?? "InternalServerError");
      throw new AwsError(
        type.slice(type.lastIndexOf("#") + 1),
        String(body.message ?? body.Message ?? ""),
        response.status,
      );
    },
    throttleError: () =>
      new AwsError("ThrottlingException", "Rate of requests exceeds the allowed throughput.", 400),
    serverError: (status) => new AwsError("InternalServerError", "Internal server error", status),
  };
}

function instanceFor(accountId: string): Promise<Instance> {
  let instance = instances.get(accountId);
  if (!instance) {
    instance = startInstance().catch((err) => {
      instances.delete(accountId);
      throw new AwsError(
        "InternalServerError",
        `local DynamoDB could not start (${
          (err as Error).message
        }); local AWS needs --allow-ffi for DynamoDB`,
        500,
      );
    });
    instances.set(accountId, instance);
  }
  return instance;
}

async function startInstance(): Promise<Instance> {
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Stops every DynamoDB instance of this process (their tables are gone). */
export async function closeDynamoDbInstances(): Promise<void> {
  const all = [...instances.values()];
  instances.clear();
  await Promise.all(all.map(async (i) => (await i.catch(() => undefined))?.close()));
}
