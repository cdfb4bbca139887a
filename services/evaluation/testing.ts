/**
 * Test helpers: a small inference stand-in served over real HTTP on 127.0.0.1 that answers
 * from a fixed rule, so the accuracy an evaluation should report is known in advance.
 */
import { Hono } from "hono";
import type { Category } from "../common/categories.ts";
import type { LabelledExample } from "./held_out.ts";

export interface FixedClassifierServer {
  readonly url: string;
  /** Requests answered so far. */
  readonly calls: () => number;
  close(): Promise<void>;
}

/**
 * Serves `POST /v1/classify` with `answer(text)` as the category, and `modelVersion`.
 * `answer` returning undefined makes the request fail with a 500.
 */
export function serveFixedClassifier(
  answer: (title: string | undefined, text: string) => Category | undefined,
  modelVersion = "fixed-model",
): FixedClassifierServer {
  let calls = 0;
  const app = new Hono();
  app.post("/v1/classify", async (c) => {
    calls++;
    const body = await c.req.json<{ title?: string; text: string }>();
    const category = answer(body.title, body.text);
    if (!category) return c.json({ error: { code: "internal", message: "boom" } }, 500);
    return c.json({ category, label: category, modelVersion, requestId: crypto.randomUUID() });
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    calls: () => calls,
    close: () => server.shutdown(),
  };
}

/** The true label of each example by its text: a classifier that is always right. */
export function oracle(
  examples: readonly LabelledExample[],
): (title: string | undefined, text: string) => Category {
  const labels = new Map(examples.map((e) => [`${e.title ?? ""}\n${e.text}`, e.label]));
  return (title, text) => labels.get(`${title ?? ""}\n${text}`) ?? "World";
}
