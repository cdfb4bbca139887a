/** Short renderings shared by planners and output. */
import type { Routing } from "../aws/lambda_port.ts";

/** `v3 90% + v4 10%`, or `v4 100%`. */
export function formatRouting(r: Routing): string {
  if (!r.extra || r.extra.weight <= 0) return `v${r.primary} 100%`;
  return `v${r.primary} ${round(100 - r.extra.weight)}% + v${r.extra.version} ${
    round(r.extra.weight)
  }%`;
}

/** `ml-news-inference:7` from a task definition ARN. */
export function shortTd(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
