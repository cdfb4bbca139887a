/**
 * Function URLs for local Lambda: every alias of every function gets its own loopback port
 * that turns a plain HTTP request into a payload format 2.0 event, invokes the alias through
 * local AWS's own Invoke API (so weighted routing, the runtime and the invocation metrics are
 * exactly those of any Invoke) and turns the result back into an HTTP response, as a Lambda
 * function URL does. A handler error answers 502, a throttle 429 (function URL behaviour).
 * Local extension: the response carries `X-Amz-Executed-Version`, so callers can count per
 * version.
 *
 * Aliases are discovered from the state directory every `pollMs`, so aliases created by
 * another process (a one-shot reconcile) get a URL too.
 */
import { toHttpEvent, toResponse } from "../../services/lambda/mod.ts";
import { emptyLambdaState, type LambdaState } from "../lambda/model.ts";
import { FUNCTION_URL_HEADER } from "./url_status.ts";
import { accountsWithState } from "../state_accounts.ts";
import type { StateStore } from "../store.ts";

export interface FunctionUrlOptions {
  readonly store: StateStore;
  /** Local AWS's endpoint, which the URLs invoke. */
  readonly endpoint: string;
  /** Region put in the signed requests; default us-east-1. */
  readonly region?: string;
  /** How often aliases are re-discovered; default 500 ms. */
  readonly pollMs?: number;
  /** Called when an alias's URL starts listening. */
  readonly onUrl?: (url: FunctionUrl) => void;
}

export interface FunctionUrl {
  readonly accountId: string;
  readonly functionName: string;
  readonly alias: string;
  readonly url: string;
}

interface Served extends FunctionUrl {
  readonly server: Deno.HttpServer<Deno.NetAddr>;
}

export class FunctionUrls {
  readonly #options: FunctionUrlOptions;
  readonly #served = new Map<string, Served>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pass: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: FunctionUrlOptions) {
    this.#options = options;
  }

  start(): void {
    const loop = () => {
      if (this.#closed) return;
      this.#pass = this.reconcile().catch((error) =>
        console.error("local AWS: function URL discovery failed:", error)
      ).finally(() => {
        if (!this.#closed) this.#timer = setTimeout(loop, this.#options.pollMs ?? 500);
      });
    };
    loop();
  }

  urls(): FunctionUrl[] {
    return [...this.#served.values()].map(({ accountId, functionName, alias, url }) => ({
      accountId,
      functionName,
      alias,
      url,
    }));
  }

  /** Opens a URL for every alias that has none yet. */
  async reconcile(): Promise<void> {
    const { store } = this.#options;
    for (const accountId of await accountsWithState(store.stateDir)) {
      for (const doc of await store.list(accountId, "lambda")) {
        const state = await store.read<LambdaState>({ accountId, doc }, emptyLambdaState);
        for (const fn of Object.values(state.functions)) {
          for (const alias of Object.keys(fn.aliases)) {
            const key = `${accountId}/${fn.name}/${alias}`;
            if (this.#closed || this.#served.has(key)) continue;
            const served = this.#serve({ accountId, functionName: fn.name, alias });
            this.#served.set(key, served);
            this.#options.onUrl?.(served);
          }
        }
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#pass;
    await Promise.all([...this.#served.values()].map((s) => s.server.shutdown()));
    this.#served.clear();
  }

  #serve(target: Omit<FunctionUrl, "url">): Served {
    const { endpoint, region = "us-east-1" } = this.#options;
    const invokeUrl = `${endpoint}/2015-03-31/functions/${
      encodeURIComponent(target.functionName)
    }/invocations?Qualifier=${encodeURIComponent(target.alias)}`;
    // Local AWS selects the account by the access key id of the credential scope.
    const authorization = `AWS4-HMAC-SHA256 Credential=${target.accountId}/20260101/${region}` +
      `/lambda/aws4_request, SignedHeaders=host, Signature=local-function-url`;
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      async (request) => {
        const event = await toHttpEvent(request);
        const invoked = await fetch(invokeUrl, {
          method: "POST",
          headers: {
            authorization,
            "content-type": "application/json",
            [FUNCTION_URL_HEADER]: "true",
          },
          body: JSON.stringify(event),
        });
        const version = invoked.headers.get("X-Amz-Executed-Version") ?? "";
        const text = await invoked.text();
        if (invoked.status === 429) {
          return Response.json({ Message: "Rate Exceeded." }, { status: 429 });
        }
        if (!invoked.ok || invoked.headers.has("X-Amz-Function-Error")) {
          return Response.json({ Message: "Internal Server Error" }, {
            status: invoked.ok ? 502 : invoked.status,
            headers: version ? { "X-Amz-Executed-Version": version } : {},
          });
        }
        const response = toResponse(text === "" ? null : JSON.parse(text));
        const headers = new Headers(response.headers);
        headers.set("X-Amz-Executed-Version", version);
        return new Response(response.body, { status: response.status, headers });
      },
    );
    return { ...target, url: `http://127.0.0.1:${server.addr.port}`, server };
  }
}
