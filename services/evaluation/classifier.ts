/**
 * The inference port of the evaluation service, and its HTTP implementation against the
 * inference API (`POST {endpoint}/v1/classify` `{title?, text}` → `{category, modelVersion}`).
 */
import { type Category, isCategory } from "../common/categories.ts";
import type { LabelledExample } from "./held_out.ts";

export interface Classification {
  readonly category: Category;
  /** The model version the endpoint says answered, when it says. */
  readonly modelVersion?: string;
}

export interface Classifier {
  classify(endpoint: string, example: LabelledExample): Promise<Classification>;
}

export class ClassifyError extends Error {
  constructor(endpoint: string, detail: string) {
    super(`${endpoint}: ${detail}`);
    this.name = "ClassifyError";
  }
}

export interface HttpClassifierOptions {
  /** Per-request timeout in milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /** `fetch` to use; the global one by default. */
  readonly fetch?: typeof fetch;
}

export function httpClassifier(options: HttpClassifierOptions = {}): Classifier {
  const doFetch = options.fetch ?? fetch;
  return {
    async classify(endpoint, example) {
      let response: Response;
      try {
        response = await doFetch(`${endpoint.replace(/\/$/, "")}/v1/classify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(
            example.title ? { title: example.title, text: example.text } : { text: example.text },
          ),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new ClassifyError(endpoint, `request failed: ${(err as Error).message}`);
      }
      const text = await response.text();
      if (!response.ok) {
        throw new ClassifyError(endpoint, `HTTP ${response.status}: ${text.slice(0, 200)}`);
      }
      let body: { category?: unknown; modelVersion?: unknown };
      try {
        body = JSON.parse(text);
      } catch {
        throw new ClassifyError(endpoint, `response is not JSON: ${text.slice(0, 200)}`);
      }
      if (!isCategory(body.category)) {
        throw new ClassifyError(
          endpoint,
          `unknown category in response: ${JSON.stringify(body.category)}`,
        );
      }
      return typeof body.modelVersion === "string"
        ? { category: body.category, modelVersion: body.modelVersion }
        : { category: body.category };
    },
  };
}
