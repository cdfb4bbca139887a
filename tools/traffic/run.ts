/**
 * Sends the traffic: AG News test texts to the inference load balancer at a steady rate
 * (open loop: request i is due at start + i/rate, at most `MAX_IN_FLIGHT` at once), and for
 * a share of the classified texts a feedback post to the feedback function URL (the reader's
 * verdict: the model's prediction and the true category). Stops at the duration or the
 * request cap, whichever comes first, and waits for requests in flight.
 */
import { CATEGORIES } from "../../ml/labels.ts";
import type { LabelledDocument } from "../../ml/dataset.ts";
import { loopbackUrl } from "./options.ts";
import { Tally } from "./tally.ts";

const MAX_IN_FLIGHT = 64;
const TIMEOUT_MS = 10_000;

export interface TrafficTargets {
  /** The inference service's load balancer. */
  readonly inference: string;
  /** The feedback function's `live` URL, when it exists. */
  readonly feedback?: string;
}

/** Reads the account's endpoints from local AWS; only loopback URLs are accepted. */
export async function discoverTargets(
  endpoint: string,
  options: { accountId: string },
): Promise<TrafficTargets> {
  const response = await fetch(`${endpoint}/_localaws/endpoints`);
  if (!response.ok) {
    throw new Error(
      `${endpoint}/_localaws/endpoints answered ${response.status}: is this local AWS running its workloads (deno task local-aws)?`,
    );
  }
  const found = await response.json() as {
    loadBalancers: { accountId: string; service: string; url: string }[];
    functionUrls: { accountId: string; functionName: string; alias: string; url: string }[];
  };
  const lb = found.loadBalancers.find((l) =>
    l.accountId === options.accountId && l.service === "ml-news-inference"
  );
  if (!lb) {
    throw new Error(
      `no load balancer for ml-news-inference in account ${options.accountId} yet: reconcile the environment first`,
    );
  }
  const feedback = found.functionUrls.find((u) =>
    u.accountId === options.accountId && u.functionName === "ml-news-feedback" &&
    u.alias === "live"
  );
  return {
    inference: loopbackUrl("load balancer", lb.url),
    ...(feedback ? { feedback: loopbackUrl("function URL", feedback.url) } : {}),
  };
}

export interface RunOptions {
  readonly rate: number;
  readonly durationMs: number;
  readonly maxRequests: number;
  readonly feedbackShare: number;
  readonly texts: readonly LabelledDocument[];
  readonly random?: () => number;
  /** Called about once a second with the counts so far. */
  readonly onProgress?: (sent: number, tally: Tally) => void;
}

export async function runTraffic(targets: TrafficTargets, options: RunOptions): Promise<Tally> {
  if (options.texts.length === 0) throw new Error("no texts to send");
  const random = options.random ?? Math.random;
  const tally = new Tally();
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const offset = Math.floor(random() * options.texts.length);
  let lastProgress = start;
  let sent = 0;
  for (let i = 0; i < options.maxRequests; i++) {
    const due = start + (i * 1000) / options.rate;
    if (due - start >= options.durationMs) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const row = options.texts[(offset + i) % options.texts.length]!;
    const postFeedback = targets.feedback !== undefined && random() < options.feedbackShare;
    const request = classifyAndMaybeFeedback(targets, { row, postFeedback, tally });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    sent++;
    if (options.onProgress && performance.now() - lastProgress >= 1000) {
      lastProgress = performance.now();
      options.onProgress(sent, tally);
    }
  }
  await Promise.all(inFlight);
  return tally;
}

async function classifyAndMaybeFeedback(
  targets: TrafficTargets,
  options: { row: LabelledDocument; postFeedback: boolean; tally: Tally },
): Promise<void> {
  const { row, tally } = options;
  const classified = await timed(`${targets.inference}/v1/classify`, {
    title: row.title,
    text: row.text,
  });
  const body = classified.body as { category?: string; modelVersion?: string } | undefined;
  const model = body?.modelVersion?.replace(/^sha256:/, "").slice(0, 12) ?? "?";
  const revision = classified.headers?.get("X-Local-Aws-Task-Definition") ?? "?";
  tally.add({
    target: "inference",
    version: `${revision} model ${model}`,
    status: classified.status,
    ms: classified.ms,
  });
  if (!options.postFeedback || !targets.feedback || !body?.category) return;
  const posted = await timed(`${targets.feedback}/v1/feedback`, {
    title: row.title,
    description: row.text,
    predicted: body.category,
    correct: CATEGORIES[row.label],
    modelVersion: body.modelVersion,
    requestId: crypto.randomUUID(),
  });
  tally.add({
    target: "feedback",
    version: `version ${posted.headers?.get("X-Amz-Executed-Version") ?? "?"}`,
    status: posted.status,
    ms: posted.ms,
  });
}

async function timed(
  url: string,
  json: unknown,
): Promise<{ status: number; ms: number; body?: unknown; headers?: Headers }> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(json),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return {
      status: response.status,
      ms: performance.now() - started,
      body,
      headers: response.headers,
    };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}
