/**
 * Runs a packaged Lambda ZIP the way the `nodejs22.x` runtime does: extract it to a task root,
 * import `index.mjs`, call `handler(event, context)`; once in this Deno process, and once in a
 * real `node` process (when `node` is installed) with only the given environment.
 */
import { unzipSync } from "fflate";
import { dirname, join } from "node:path";

/** Extracts a ZIP into a new temporary directory (the "task root"); returns its path. */
export async function extractToTaskRoot(zip: Uint8Array): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "lambda-task-" });
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    const target = join(root, path);
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.writeFile(target, bytes);
  }
  return root;
}

export interface LambdaContextLike {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  getRemainingTimeInMillis(): number;
}

export function lambdaContext(functionName: string): LambdaContextLike {
  return {
    awsRequestId: crypto.randomUUID(),
    functionName,
    functionVersion: "$LATEST",
    getRemainingTimeInMillis: () => 30_000,
  };
}

const NODE_RUNNER = `
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
const [taskRoot, eventsFile] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(taskRoot + "/index.mjs").href);
const events = JSON.parse(readFileSync(eventsFile, "utf8"));
const results = [];
for (const event of events) {
  const context = { awsRequestId: "node-" + results.length, functionName: "fn", functionVersion: "$LATEST",
    getRemainingTimeInMillis: () => 30000 };
  results.push(await handler(event, context));
}
process.stdout.write(JSON.stringify(results));
`;

/** Whether a `node` executable can be run here. */
export async function nodeAvailable(): Promise<boolean> {
  try {
    return (await new Deno.Command("node", { args: ["--version"], stdout: "null", stderr: "null" })
      .output())
      .success;
  } catch {
    return false;
  }
}

/** Invokes the handler in `taskRoot` under Node with `events` in order; returns the results. */
export async function invokeWithNode(
  taskRoot: string,
  events: readonly unknown[],
  env: Readonly<Record<string, string>>,
): Promise<unknown[]> {
  const runner = join(taskRoot, "..", `${crypto.randomUUID()}-runner.mjs`);
  const eventsFile = `${runner}.events.json`;
  await Deno.writeTextFile(runner, NODE_RUNNER);
  await Deno.writeTextFile(eventsFile, JSON.stringify(events));
  try {
    const out = await new Deno.Command("node", {
      args: ["--no-warnings", runner, taskRoot, eventsFile],
      env: { PATH: Deno.env.get("PATH") ?? "", LAMBDA_TASK_ROOT: taskRoot, ...env },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`node failed: ${new TextDecoder().decode(out.stderr)}`);
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } finally {
    await Deno.remove(runner);
    await Deno.remove(eventsFile);
  }
}
