/**
 * The runtime client inside a local Lambda execution environment (one Deno process per warm
 * environment), speaking Lambda's Runtime API as `nodejs22.x`'s runtime does: it imports the
 * handler named by `_HANDLER` from `LAMBDA_TASK_ROOT` (init errors are posted to
 * `/runtime/init/error`), then loops on `GET /runtime/invocation/next`, calls
 * `handler(event, context)` and posts the result to `…/response` or the error to `…/error`.
 *
 * It imports nothing: the process is started with `--no-config` and the narrow permissions
 * of process_runtime.ts.
 */
const API = `http://${Deno.env.get("AWS_LAMBDA_RUNTIME_API")}/2018-06-01/runtime`;

interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

function errorPayload(error: unknown, fallbackType = "Error"): ErrorPayload {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      trace: (error.stack ?? "").split("\n"),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error), trace: [] };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${API}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body ?? null),
  });
  await response.body?.cancel();
}

type Handler = (event: unknown, context: unknown) => unknown;

async function loadHandler(): Promise<Handler> {
  const root = Deno.env.get("LAMBDA_TASK_ROOT") ?? ".";
  const spec = Deno.env.get("_HANDLER") ?? "index.handler";
  const dot = spec.lastIndexOf(".");
  const [file, name] = dot > 0 ? [spec.slice(0, dot), spec.slice(dot + 1)] : [spec, "handler"];
  let module: Record<string, unknown> | undefined;
  for (const ext of [".mjs", ".js"]) {
    const path = `${root}/${file}${ext}`;
    try {
      await Deno.stat(path);
    } catch {
      continue;
    }
    module = await import(new URL(`file://${path}`).href);
    break;
  }
  if (!module) {
    const error = new Error(`Cannot find module '${file}'`);
    error.name = "Runtime.ImportModuleError";
    throw error;
  }
  const handler = module[name];
  if (typeof handler !== "function") {
    const error = new Error(`${spec} is undefined or not exported`);
    error.name = "Runtime.HandlerNotFound";
    throw error;
  }
  return handler as Handler;
}

let handler: Handler;
try {
  handler = await loadHandler();
} catch (error) {
  await post("/init/error", errorPayload(error, "Runtime.ImportModuleError"), {
    "Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError",
  });
  Deno.exit(1);
}

for (;;) {
  const next = await fetch(`${API}/invocation/next`);
  const requestId = next.headers.get("Lambda-Runtime-Aws-Request-Id") ?? "";
  const deadline = Number(next.headers.get("Lambda-Runtime-Deadline-Ms") ?? 0);
  const event = await next.json();
  const context = {
    awsRequestId: requestId,
    invokedFunctionArn: next.headers.get("Lambda-Runtime-Invoked-Function-Arn") ?? "",
    functionName: Deno.env.get("AWS_LAMBDA_FUNCTION_NAME") ?? "",
    functionVersion: Deno.env.get("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
    memoryLimitInMB: Deno.env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") ?? "",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    await post(`/invocation/${requestId}/response`, result);
  } catch (error) {
    await post(`/invocation/${requestId}/error`, errorPayload(error), {
      "Lambda-Runtime-Function-Error-Type": "Unhandled",
    });
  }
}
