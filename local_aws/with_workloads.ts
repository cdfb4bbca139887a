/**
 * Local AWS running its workloads, wired as `deno task local-aws` wires it: Lambda handlers in
 * the process runtime, whose SDK clients call this same local AWS (`AWS_ENDPOINT_URL`, as a
 * platform like LocalStack sets it; DynamoDB included) with the feedback table created on first
 * use (on AWS it is infrastructure); ECS tasks as processes behind load balancers; function
 * URLs per alias. The demo and end-to-end tests start it with one call.
 *
 * ```ts
 * const aws = await startLocalAwsWithWorkloads({ stateDir: "/tmp/state", workloads: {} });
 * aws.endpoints(); // load balancer and function URLs as they appear
 * await aws.close(); // stops every handler and task process
 * ```
 */
import { type LocalAws, type LocalAwsOptions, startLocalAws, type WorkloadOptions } from "./mod.ts";
import { createProcessRuntime, type ProcessRuntimeOptions } from "./runtime/mod.ts";

export interface WithWorkloadsOptions extends Omit<LocalAwsOptions, "runtime" | "workloads"> {
  /** ECS tasks, load balancers and function URLs. */
  readonly workloads?: WorkloadOptions;
  /** The Lambda process runtime; `environment` is added to what this wiring sets. */
  readonly lambda?: ProcessRuntimeOptions;
}

export async function startLocalAwsWithWorkloads(
  options: WithWorkloadsOptions = {},
): Promise<LocalAws> {
  const { workloads = {}, lambda = {}, ...rest } = options;
  let endpoint = "";
  const extra = lambda.environment;
  const runtime = await createProcessRuntime({
    ...lambda,
    environment: () => ({
      AWS_ENDPOINT_URL: endpoint,
      FEEDBACK_CREATE_TABLE: "true",
      ...(typeof extra === "function" ? extra() : extra),
    }),
  });
  try {
    const aws = await startLocalAws({ ...rest, runtime, workloads });
    endpoint = aws.endpoint;
    return aws;
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
