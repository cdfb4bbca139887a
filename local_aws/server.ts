import { Hono } from "hono";
import type { Context } from "hono";
import { accountFromAuthorization, DEFAULT_ACCOUNT_ID } from "./account.ts";
import { AwsError, isServerFault } from "./aws_error.ts";
import type { Clock } from "./clock.ts";
import type { RequestContext } from "./context.ts";
import type { FaultRule, Faults } from "./faults.ts";
import { JSON_TARGETS, type JsonTarget, type JsonTargetDeps } from "./json_targets.ts";
import type { InvocationLog } from "./lambda/invocation_log.ts";
import type { RestRoute, RestService } from "./rest.ts";

/** Everything the HTTP front of local AWS dispatches to. */
export interface ServerDeps extends JsonTargetDeps {
  readonly clock: Clock;
  readonly faults: Faults;
  readonly invocations: InvocationLog;
  readonly restServices: readonly RestService[];
  /** `/metrics` (Prometheus) and the workload views under `/_localaws/`. */
  readonly observability?: Observability;
}

/** What local AWS exposes about the workloads it runs. */
export interface Observability {
  /** Prometheus exposition text. */
  metrics(): Promise<string>;
  /** Load balancer and function URLs. */
  endpoints(): unknown;
  /** Task processes. */
  tasks(): unknown;
}

/**
 * The HTTP app of local AWS: selects the account from the SigV4 credential, applies injected
 * faults per operation, and dispatches REST-JSON routes (Lambda) and JSON 1.x targets (ECS,
 * by `X-Amz-Target` prefix). Admin endpoints live under `/_localaws/`.
 */
export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  const targets = Object.entries(JSON_TARGETS).map(([prefix, factory]) =>
    [prefix, factory(deps)] as const
  );

  app.get("/_localaws/health", (c) => c.json({ status: "ok" }));
  const observability = deps.observability;
  if (observability) {
    app.get("/metrics", async (c) =>
      c.body(await observability.metrics(), 200, {
        "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
      }));
    app.get("/_localaws/endpoints", (c) => c.json(observability.endpoints()));
    app.get("/_localaws/tasks", (c) => c.json({ tasks: observability.tasks() }));
  }
  app.get("/_localaws/faults", (c) => c.json({ faults: deps.faults.list() }));
  app.post("/_localaws/faults", async (c) => {
    try {
      deps.faults.add(await c.req.json<FaultRule>());
    } catch (error) {
      return c.json({ error: { message: (error as Error).message } }, 400);
    }
    return c.json({ faults: deps.faults.list() }, 201);
  });
  app.delete("/_localaws/faults", (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });
  app.get("/_localaws/invocations", async (c) => {
    const functionName = c.req.query("function");
    const times = { startTime: c.req.query("since"), endTime: c.req.query("until") };
    const bad = Object.entries(times).find(([, v]) =>
      v !== undefined && !Number.isFinite(Number(v))
    );
    if (!functionName || bad) {
      const message = bad
        ? `query parameter ${
          bad[0] === "startTime" ? "since" : "until"
        }: expected ms since the epoch`
        : "query parameter function is required";
      return c.json({ error: { message } }, 400);
    }
    const metrics = await deps.invocations.query({
      accountId: c.req.query("account") ?? DEFAULT_ACCOUNT_ID,
      functionName,
      ...(times.startTime === undefined ? {} : { startTime: Number(times.startTime) }),
      ...(times.endTime === undefined ? {} : { endTime: Number(times.endTime) }),
    });
    return c.json({ metrics });
  });

  for (const service of deps.restServices) {
    for (const route of service.routes) {
      app.on(route.method, route.path, (c) => serveRest(c, { deps, service, route }));
    }
  }

  app.post("/", async (c) => {
    const header = c.req.header("X-Amz-Target") ?? "";
    const found = targets.find(([prefix]) => header.startsWith(prefix));
    if (!found) {
      return c.json(
        { __type: "UnknownOperationException", message: `Unknown target: ${header}` },
        400,
      );
    }
    const [prefix, target] = found;
    const operation = header.slice(prefix.length);
    const ctx = requestContext(c, deps.clock);
    try {
      await applyFaults(deps, { service: target.service, operation, target });
      const text = await c.req.text();
      let input: unknown = {};
      try {
        input = text === "" ? {} : JSON.parse(text);
      } catch {
        throw new AwsError("SerializationException", "Malformed JSON in request body.");
      }
      const output = await target.handle(operation, input, ctx);
      return new Response(JSON.stringify(output ?? {}), {
        status: 200,
        headers: { "Content-Type": target.contentType, "x-amzn-RequestId": crypto.randomUUID() },
      });
    } catch (error) {
      return jsonTargetError(target, asAwsError(error, target.serverError(500)));
    }
  });

  app.notFound((c) =>
    c.json({ Type: "User", message: `No route for ${c.req.method} ${c.req.path}` }, 404, {
      "x-amzn-ErrorType": "UnknownOperationException",
    })
  );
  return app;
}

async function serveRest(
  c: Context,
  options: { deps: ServerDeps; service: RestService; route: RestRoute },
): Promise<Response> {
  const { deps, service, route } = options;
  try {
    await applyFaults(deps, {
      service: service.service,
      operation: route.operation,
      target: service,
    });
    const response = await route.handle({
      ctx: requestContext(c, deps.clock),
      params: c.req.param() as Record<string, string>,
      query: new URL(c.req.url).searchParams,
      headers: c.req.raw.headers,
      body: new Uint8Array(await c.req.arrayBuffer()),
    });
    const headers = new Headers({ "x-amzn-RequestId": crypto.randomUUID(), ...response.headers });
    if (response.bytes) {
      headers.set("Content-Type", "application/json");
      return new Response(response.bytes, { status: response.status, headers });
    }
    if (response.json === undefined) {
      return new Response(null, { status: response.status, headers });
    }
    headers.set("Content-Type", "application/json");
    return new Response(JSON.stringify(response.json), { status: response.status, headers });
  } catch (error) {
    return restError(asAwsError(error, service.serverError(500)));
  }
}

function requestContext(c: Context, clock: Clock): RequestContext {
  return { ...accountFromAuthorization(c.req.header("Authorization")), now: clock.now() };
}

async function applyFaults(
  deps: ServerDeps,
  call: {
    service: string;
    operation: string;
    target: Pick<JsonTarget, "throttleError" | "serverError">;
  },
): Promise<void> {
  const outcome = deps.faults.decide(call.service, call.operation, deps.random);
  if (outcome.latencyMs > 0) await new Promise((r) => setTimeout(r, outcome.latencyMs));
  if (outcome.failure?.kind === "throttle") throw call.target.throttleError();
  if (outcome.failure?.kind === "error") throw call.target.serverError(outcome.failure.status);
}

function asAwsError(error: unknown, fallback: AwsError): AwsError {
  if (error instanceof AwsError) return error;
  console.error("local AWS: internal error", error);
  return new AwsError(fallback.code, `Internal error: ${(error as Error)?.message ?? error}`, 500);
}

/** Lambda's error shape: `x-amzn-ErrorType` header, body `{Type, Message, message}`. */
function restError(error: AwsError): Response {
  const body = {
    Type: isServerFault(error) ? "Service" : "User",
    Message: error.message,
    message: error.message,
    ...error.extra.body,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      "Content-Type": "application/json",
      "x-amzn-ErrorType": error.code,
      "x-amzn-RequestId": crypto.randomUUID(),
      ...error.extra.headers,
    },
  });
}

/** JSON 1.x error shape: body `{__type: "<namespace>#<Code>", message}`. */
function jsonTargetError(target: JsonTarget, error: AwsError): Response {
  const body = {
    __type: `${target.errorNamespace}#${error.code}`,
    message: error.message,
    ...error.extra.body,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      "Content-Type": target.contentType,
      "x-amzn-RequestId": crypto.randomUUID(),
      ...error.extra.headers,
    },
  });
}
