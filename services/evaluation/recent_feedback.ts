/**
 * Recent feedback as labelled examples (the person's `correct` category is the label), read
 * from the feedback service's HTTP API (`GET /v1/feedback?since=&limit=&cursor=`).
 */
import { isCategory } from "../common/categories.ts";
import type { LabelledExample } from "./held_out.ts";

export interface RecentFeedback {
  /** Up to `limit` examples from feedback created at or after `since` (epoch ms). */
  recent(limit: number, since: number): Promise<LabelledExample[]>;
}

export function feedbackOverHttp(
  baseUrl: string,
  options: { fetch?: typeof fetch } = {},
): RecentFeedback {
  const doFetch = options.fetch ?? fetch;
  return {
    async recent(limit, since) {
      const out: LabelledExample[] = [];
      let cursor: string | undefined;
      do {
        const url = new URL(`${baseUrl.replace(/\/$/, "")}/v1/feedback`);
        url.searchParams.set("since", new Date(since).toISOString());
        url.searchParams.set("limit", String(Math.min(500, limit - out.length)));
        if (cursor) url.searchParams.set("cursor", cursor);
        const response = await doFetch(url, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) {
          throw new Error(
            `feedback service ${url.origin}: HTTP ${response.status}: ${
              (await response.text()).slice(0, 200)
            }`,
          );
        }
        const page = await response.json() as {
          items: Record<string, unknown>[];
          nextCursor?: string;
        };
        for (const item of page.items) {
          if (out.length >= limit) break;
          const example = toExample(item);
          if (example) out.push(example);
        }
        cursor = page.nextCursor;
      } while (cursor && out.length < limit);
      return out;
    },
  };
}

function toExample(item: Record<string, unknown>): LabelledExample | undefined {
  const label = item["correct"];
  if (!isCategory(label)) return undefined;
  if (typeof item["text"] === "string") return { label, text: item["text"] };
  if (typeof item["title"] === "string" && typeof item["description"] === "string") {
    return { label, title: item["title"], text: item["description"] };
  }
  return undefined;
}
