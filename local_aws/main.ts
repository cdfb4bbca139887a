/**
 * `deno task local-aws [--port 4566] [--state-dir .local-aws] [--task-start-ms 1500] [--minute-ms 60000] [--region eu-west-1] [--simulated]`
 * runs local AWS as a server until Ctrl-C; `deno task local-aws reset [--state-dir …]`
 * deletes its state.
 *
 * By default it runs the workloads: Lambda handlers from their ZIPs, ECS tasks as processes
 * behind a load balancer port per service and a function URL per alias; handlers' SDK clients
 * reach this local AWS through `AWS_ENDPOINT_URL`. Endpoints are printed as they appear. `--simulated` runs the control planes only (no processes).
 */
import { parseArgs } from "node:util";
import { startLocalAwsWithWorkloads } from "./with_workloads.ts";
import { DEFAULT_STATE_DIR, resetLocalAws, startLocalAws, type WorkloadEndpoint } from "./mod.ts";

const USAGE =
  `usage: deno task local-aws [reset] [--port N] [--state-dir DIR] [--task-start-ms MS] [--minute-ms MS] [--region R] [--simulated]`;

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        port: { type: "string", default: "4566" },
        "state-dir": { type: "string", default: DEFAULT_STATE_DIR },
        "task-start-ms": { type: "string" },
        "minute-ms": { type: "string" },
        simulated: { type: "boolean" },
        region: { type: "string", default: "eu-west-1" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const stateDir = values["state-dir"];
  if (positionals[0] === "reset") {
    await resetLocalAws(stateDir);
    console.log(`local AWS state cleared: ${stateDir}`);
    return 0;
  }
  if (positionals.length > 0) {
    console.error(`unknown command: ${positionals.join(" ")}\n${USAGE}`);
    return 2;
  }
  const numbers: Record<string, number> = {};
  for (const name of ["port", "task-start-ms", "minute-ms"] as const) {
    const raw = values[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      console.error(
        `--${name}: expected a non-negative integer, found ${JSON.stringify(raw)}\n${USAGE}`,
      );
      return 2;
    }
    numbers[name] = value;
  }
  const timing = {
    ...(numbers["task-start-ms"] === undefined ? {} : { taskStartMs: numbers["task-start-ms"] }),
    ...(numbers["minute-ms"] === undefined ? {} : { minuteMs: numbers["minute-ms"] }),
  };
  const common = { port: numbers.port ?? 4566, stateDir, timing };
  const aws = values.simulated ? await startLocalAws(common) : await startLocalAwsWithWorkloads({
    ...common,
    lambda: { workDir: `${stateDir}/lambda-task-roots` },
    workloads: { region: values.region, onEndpoint: printEndpoint },
  });
  console.log(`local AWS listening on ${aws.endpoint} (state: ${stateDir})

Point the SDK or CLI at it (a 12-digit access key id selects that account, anything else 000000000000):
  export AWS_ENDPOINT_URL=${aws.endpoint}
  export AWS_ACCESS_KEY_ID=000000000001 AWS_SECRET_ACCESS_KEY=local AWS_REGION=eu-west-1
  aws lambda list-aliases --function-name ml-news-feedback
  aws ecs describe-services --cluster ml-news-cluster --services ml-news-inference
SDK: new LambdaClient({ endpoint: "${aws.endpoint}", region, credentials })
Faults: curl -X POST ${aws.endpoint}/_localaws/faults -d '{"operation":"lambda:*","kind":"throttle","count":3}'
${
    !values.simulated
      ? `Workloads: Lambda handlers and ECS tasks run as local processes.
  Endpoints (printed below as services and aliases appear): curl ${aws.endpoint}/_localaws/endpoints
  Metrics: curl ${aws.endpoint}/metrics     Task processes: curl ${aws.endpoint}/_localaws/tasks
  Traffic: deno task traffic --rate 20 --duration 30s`
      : "Workloads: simulated (no processes)."
  }
Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => resolve());
    }
  });
  await aws.close();
  return 0;
}

function printEndpoint(endpoint: WorkloadEndpoint): void {
  if (endpoint.kind === "load-balancer") {
    console.log(
      `load balancer  ${endpoint.cluster}/${endpoint.service} (account ${endpoint.accountId}): ${endpoint.url}`,
    );
  } else {
    console.log(
      `function URL   ${endpoint.functionName}:${endpoint.alias} (account ${endpoint.accountId}): ${endpoint.url}`,
    );
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
