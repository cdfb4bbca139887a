/** GET a JSON document with a deadline; failures as `ProviderError`s that say what happened. */
import { ProviderError } from "./provider.ts";

export interface GetJsonOptions {
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** Accept these non-2xx statuses and return their JSON body (Prometheus errors). */
  readonly acceptStatus?: readonly number[] | undefined;
}

export async function getJson(url: string, options: GetJsonOptions): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const shown = redact(url);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: "application/json", ...options.headers },
      signal,
    });
  } catch (error) {
    if (timeout.aborted) {
      throw new ProviderError(`GET ${shown}: no response within ${options.timeoutMs}ms`);
    }
    throw new ProviderError(`GET ${shown}: ${(error as Error).message}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const why = timeout.aborted
      ? `no complete response within ${options.timeoutMs}ms`
      : (error as Error).message;
    throw new ProviderError(`GET ${shown}: ${why}`);
  }
  if (!response.ok && !options.acceptStatus?.includes(response.status)) {
    throw new ProviderError(`GET ${shown}: HTTP ${response.status} ${text.slice(0, 200)}`.trim());
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError(
      `GET ${shown}: expected JSON, found ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
}

/** The URL without credentials or query string values that could be secrets. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}
