/**
 * One evaluation: a labelled sample (held-out AG News rows + recent feedback) run through an
 * endpoint and, optionally, a baseline endpoint on the same sample, judged against thresholds.
 * The JSON shape is what `GET /v1/evaluations/{id}` returns and what a `web` analysis provider
 * reads with a JSON path (`$.accuracy`, `$.baseline.accuracy`, `$.accuracyDrop`, `$.passed`).
 */
import type { LabelledExample } from "./held_out.ts";
import type { RecentFeedback } from "./recent_feedback.ts";
import { type EndpointResult, type RunOptions, runSample } from "./run_sample.ts";
import { type Check, judge, type Thresholds } from "./verdict.ts";

export interface Evaluation extends Omit<EndpointResult, "endpoint"> {
  readonly id: string;
  readonly status: "completed";
  readonly createdAt: string;
  readonly durationMs: number;
  readonly endpoint: string;
  readonly modelVersion: string | null;
  readonly sample: { readonly heldOut: number; readonly feedback: number };
  readonly baseline: EndpointResult | null;
  readonly accuracyDrop: number | null;
  readonly thresholds: Thresholds;
  readonly checks: readonly Check[];
  readonly verdict: "pass" | "fail";
  /** 1 for pass, 0 for fail: a number for analysis conditions (`result == 1`). */
  readonly passed: 0 | 1;
}

export interface EvaluationRequest {
  readonly endpoint: string;
  readonly baseline?: string;
  readonly modelVersion?: string;
  /** Held-out rows to use (the first n of the slice). */
  readonly sample: number;
  /** Recent feedback examples to add at most. */
  readonly feedback: number;
}

export interface EvaluateDeps extends RunOptions {
  readonly heldOut: readonly LabelledExample[];
  readonly recentFeedback?: RecentFeedback;
  /** How far back feedback counts as recent, in ms (default 7 days). */
  readonly feedbackWindowMs?: number;
  readonly thresholds: Thresholds;
  /** Wall clock, epoch ms. */
  readonly clock: () => number;
  readonly newId: () => string;
}

export async function evaluate(
  request: EvaluationRequest,
  deps: EvaluateDeps,
): Promise<Evaluation> {
  const started = deps.clock();
  const heldOut = deps.heldOut.slice(0, request.sample);
  const feedback = deps.recentFeedback && request.feedback > 0
    ? await deps.recentFeedback.recent(
      request.feedback,
      started - (deps.feedbackWindowMs ?? 7 * 86_400_000),
    )
    : [];
  const sample = [...heldOut, ...feedback];
  const [result, baseline] = await Promise.all([
    runSample(request.endpoint, sample, deps),
    request.baseline === undefined ? undefined : runSample(request.baseline, sample, deps),
  ]);
  const verdict = judge({
    result,
    ...(baseline ? { baseline } : {}),
    ...(request.modelVersion !== undefined ? { modelVersion: request.modelVersion } : {}),
  }, deps.thresholds);
  const { endpoint: _, ...metrics } = result;
  return {
    id: deps.newId(),
    status: "completed",
    createdAt: new Date(started).toISOString(),
    durationMs: deps.clock() - started,
    endpoint: request.endpoint,
    modelVersion: request.modelVersion ?? null,
    sample: { heldOut: heldOut.length, feedback: feedback.length },
    ...metrics,
    baseline: baseline ?? null,
    accuracyDrop: verdict.accuracyDrop,
    thresholds: deps.thresholds,
    checks: verdict.checks,
    verdict: verdict.verdict,
    passed: verdict.verdict === "pass" ? 1 : 0,
  };
}
