/**
 * Traffic that keeps flowing while the demo's canaries run, so their analysis has data:
 * `tools/traffic/run.ts` in one-second rounds until stopped, targets re-read each round (a
 * function URL appears once its alias exists). Each round's tally is handed to `onRound`.
 */
import type { LabelledDocument } from "../../ml/dataset.ts";
import { discoverTargets, runTraffic } from "../traffic/run.ts";
import type { Tally } from "../traffic/tally.ts";

export interface BackgroundTrafficOptions {
  readonly accountId: string;
  readonly texts: readonly LabelledDocument[];
  /** Requests per second to the inference load balancer. */
  readonly rate: number;
  /** Share of classified texts followed by a feedback post. */
  readonly feedbackShare: number;
  readonly onRound?: (tally: Tally) => void;
  /** Called when a round fails (e.g. no load balancer yet); the next round retries. */
  readonly onError?: (error: Error) => void;
}

export interface BackgroundTraffic {
  /** Requests sent so far. */
  readonly sent: number;
  /** Ends after the round in flight. */
  stop(): Promise<void>;
}

const ROUND_MS = 1_000;

export function startBackgroundTraffic(
  endpoint: string,
  options: BackgroundTrafficOptions,
): BackgroundTraffic {
  let stopped = false;
  let sent = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const targets = await discoverTargets(endpoint, { accountId: options.accountId });
        const tally = await runTraffic(targets, {
          rate: options.rate,
          durationMs: ROUND_MS,
          maxRequests: Math.ceil(options.rate * ROUND_MS / 1000),
          feedbackShare: options.feedbackShare,
          texts: options.texts,
        });
        sent += tally.total;
        options.onRound?.(tally);
      } catch (error) {
        options.onError?.(error as Error);
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, ROUND_MS));
      }
    }
  })();
  return {
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
