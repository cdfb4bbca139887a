/**
 * A real DynamoDB-compatible server for local runs and tests: dynalite (npm), in memory, on an
 * ephemeral 127.0.0.1 port. It implements DynamoDB's JSON 1.0 protocol with AWS's validation
 * and error shapes, so the unmodified SDK client is exercised end to end.
 */
import dynalite from "dynalite";

export interface LocalDynamoDb {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint` or `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startLocalDynamoDb(options: { port?: number } = {}): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
