/**
 * `deno task traffic` options, parsed and bounded before anything is sent: a rate, a duration
 * and a request cap that together bound the run, and only loopback endpoints.
 */
import { parseArgs } from "node:util";

export interface TrafficOptions {
  /** Local AWS's endpoint (where `/_localaws/endpoints` is read). */
  readonly endpoint: string;
  /** The environment's account (its load balancer and function URLs are used). */
  readonly accountId: string;
  /** Requests per second (classify requests plus feedback posts). */
  readonly rate: number;
  readonly durationMs: number;
  /** Hard cap on requests sent. */
  readonly maxRequests: number;
  /** Share (0–1) of classified texts that get a feedback post. */
  readonly feedbackShare: number;
  /** AG News CSV with the texts to send. */
  readonly data: string;
}

export const MAX_RATE = 500;
export const MAX_DURATION_MS = 10 * 60_000;
export const USAGE =
  `usage: deno task traffic [--endpoint http://127.0.0.1:4566] [--account 000000000001]
  [--rate 20] [--duration 30s] [--max-requests N] [--feedback-share 0.2] [--data test.csv]`;

export class TrafficOptionsError extends Error {
  override readonly name = "TrafficOptionsError";
}

const DEFAULT_DATA = new URL("../../../shared/data/ag_news/test.csv", import.meta.url).pathname;

/** Parses command-line arguments; throws TrafficOptionsError saying what is wrong. */
export function parseTrafficOptions(args: readonly string[]): TrafficOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        endpoint: { type: "string", default: "http://127.0.0.1:4566" },
        account: { type: "string", default: "000000000001" },
        rate: { type: "string", default: "20" },
        duration: { type: "string", default: "30s" },
        "max-requests": { type: "string" },
        "feedback-share": { type: "string", default: "0.2" },
        data: { type: "string", default: DEFAULT_DATA },
      },
    }));
  } catch (error) {
    throw new TrafficOptionsError((error as Error).message);
  }
  const endpoint = loopbackUrl("--endpoint", values.endpoint);
  if (!/^\d{12}$/.test(values.account)) {
    throw new TrafficOptionsError(
      `--account: expected a 12-digit account id, found ${values.account}`,
    );
  }
  const rate = number("--rate", values.rate, { min: 0.1, max: MAX_RATE });
  const durationMs = parseDuration(values.duration);
  const feedbackShare = number("--feedback-share", values["feedback-share"], { min: 0, max: 1 });
  const planned = Math.ceil((rate * durationMs) / 1000);
  const maxRequests = values["max-requests"] === undefined
    ? planned
    : number("--max-requests", values["max-requests"], { min: 1, max: 1_000_000 });
  return {
    endpoint,
    accountId: values.account,
    rate,
    durationMs,
    maxRequests: Math.min(Math.floor(maxRequests), planned),
    feedbackShare,
    data: values.data,
  };
}

/** `30s`, `2m`, `500ms`; at most 10 minutes. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (!match) {
    throw new TrafficOptionsError(`--duration: expected e.g. 30s, 2m or 500ms, found ${text}`);
  }
  const ms = Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000 } as const)[match[2] as "ms"];
  if (ms <= 0 || ms > MAX_DURATION_MS) {
    throw new TrafficOptionsError(
      `--duration: expected more than 0 and at most 10m, found ${text}`,
    );
  }
  return ms;
}

/** Accepts only http URLs on the loopback interface: this tool never sends traffic elsewhere. */
export function loopbackUrl(what: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TrafficOptionsError(`${what}: expected a URL, found ${text}`);
  }
  if (url.protocol !== "http:" || !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new TrafficOptionsError(`${what}: only loopback http URLs are allowed, found ${text}`);
  }
  return url.origin;
}

function number(what: string, text: string, range: { min: number; max: number }): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new TrafficOptionsError(
      `${what}: expected a number from ${range.min} to ${range.max}, found ${text}`,
    );
  }
  return value;
}
