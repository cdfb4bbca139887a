/**
 * `deno task local-aws [--port 4566] [--state-dir .local-aws] [--task-start-ms 1500] [--minute-ms 60000]`
 * runs local AWS as a server until Ctrl-C; `deno task local-aws reset [--state-dir …]`
 * deletes its state.
 */
import { parseArgs } from "node:util";
import { DEFAULT_STATE_DIR, resetLocalAws, startLocalAws } from "./mod.ts";

const USAGE =
  `usage: deno task local-aws [reset] [--port N] [--state-dir DIR] [--task-start-ms MS] [--minute-ms MS]`;

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
  const aws = await startLocalAws({ port: numbers.port ?? 4566, stateDir, timing });
  console.log(`local AWS listening on ${aws.endpoint} (state: ${stateDir})

Point the SDK or CLI at it (a 12-digit access key id selects that account, anything else 000000000000):
  export AWS_ENDPOINT_URL=${aws.endpoint}
  export AWS_ACCESS_KEY_ID=000000000001 AWS_SECRET_ACCESS_KEY=local AWS_REGION=eu-west-1
  aws lambda list-aliases --function-name ml-news-feedback
  aws ecs describe-services --cluster ml-news-cluster --services ml-news-inference
SDK: new LambdaClient({ endpoint: "${aws.endpoint}", region, credentials })
Faults: curl -X POST ${aws.endpoint}/_localaws/faults -d '{"operation":"lambda:*","kind":"throttle","count":3}'
Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => resolve());
    }
  });
  await aws.close();
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
