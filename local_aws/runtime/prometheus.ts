/**
 * Local AWS's Prometheus `/metrics`: per-version Lambda invocation metrics from the invocation
 * log (so invocations made through any process sharing the state directory count) and, when
 * tasks run as processes, a gauge of ECS task processes by health.
 *
 * ```
 * lambda_invocations_total{account_id="000000000001",function_name="fn",executed_version="2"} 12
 * lambda_duration_seconds_bucket{…,le="0.005"} 9
 * ecs_task_processes{account_id="…",cluster="…",service="…",task_definition="fam:3",health="HEALTHY"} 2
 * ```
 */
import type { InvocationRecord } from "../lambda/invocation_log.ts";

/** Upper bounds (seconds) of the duration histogram. */
export const DURATION_BUCKETS = [
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
];

export interface TaskGauge {
  readonly accountId: string;
  readonly cluster: string;
  readonly service: string;
  readonly taskDefinition: string;
  readonly health: string;
  readonly count: number;
}

interface VersionTotals {
  urlRequests: number;
  url4xx: number;
  url5xx: number;
  invocations: number;
  errors: number;
  throttles: number;
  sum: number;
  buckets: number[];
}

/** Renders the exposition text for the invocations of each account. */
export function renderMetrics(
  byAccount: ReadonlyMap<string, readonly InvocationRecord[]>,
  options: { tasks?: readonly TaskGauge[] } = {},
): string {
  const totals = new Map<string, { labels: string; v: VersionTotals }>();
  for (const [accountId, records] of byAccount) {
    for (const r of records) {
      const labels = `account_id="${esc(accountId)}",function_name="${esc(r.functionName)}",` +
        `executed_version="${esc(r.executedVersion)}"`;
      let entry = totals.get(labels);
      if (!entry) {
        entry = {
          labels,
          v: {
            urlRequests: 0,
            url4xx: 0,
            url5xx: 0,
            invocations: 0,
            errors: 0,
            throttles: 0,
            sum: 0,
            buckets: DURATION_BUCKETS.map(() => 0),
          },
        };
        totals.set(labels, entry);
      }
      const v = entry.v;
      if (r.urlStatus !== undefined) {
        v.urlRequests++;
        if (r.urlStatus >= 500) v.url5xx++;
        else if (r.urlStatus >= 400) v.url4xx++;
      }
      if (r.throttled) {
        v.throttles++;
        continue;
      }
      v.invocations++;
      if (r.error) v.errors++;
      const seconds = r.durationMs / 1000;
      v.sum += seconds;
      DURATION_BUCKETS.forEach((le, i) => {
        if (seconds <= le) v.buckets[i]!++;
      });
    }
  }
  const entries = [...totals.values()].sort((a, b) => a.labels.localeCompare(b.labels));
  const lines: string[] = [];
  const counter = (name: string, help: string, pick: (v: VersionTotals) => number) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const { labels, v } of entries) lines.push(`${name}{${labels}} ${pick(v)}`);
  };
  counter(
    "lambda_invocations_total",
    "Invocations run, by executed version.",
    (v) => v.invocations,
  );
  counter("lambda_errors_total", "Invocations that ended in a function error.", (v) => v.errors);
  counter(
    "lambda_throttles_total",
    "Invocations throttled at the concurrency limit.",
    (v) => v.throttles,
  );
  counter("lambda_url_requests_total", "Requests through a function URL.", (v) => v.urlRequests);
  counter("lambda_url_4xx_total", "Function URL requests answered 4xx.", (v) => v.url4xx);
  counter("lambda_url_5xx_total", "Function URL requests answered 5xx.", (v) => v.url5xx);
  lines.push(
    "# HELP lambda_duration_seconds Invocation round trip through the runtime.",
    "# TYPE lambda_duration_seconds histogram",
  );
  for (const { labels, v } of entries) {
    DURATION_BUCKETS.forEach((le, i) =>
      lines.push(`lambda_duration_seconds_bucket{${labels},le="${le}"} ${v.buckets[i]}`)
    );
    lines.push(`lambda_duration_seconds_bucket{${labels},le="+Inf"} ${v.invocations}`);
    lines.push(`lambda_duration_seconds_sum{${labels}} ${v.sum}`);
    lines.push(`lambda_duration_seconds_count{${labels}} ${v.invocations}`);
  }
  if (options.tasks) {
    lines.push(
      "# HELP ecs_task_processes ECS task processes local AWS runs, by health.",
      "# TYPE ecs_task_processes gauge",
    );
    for (const t of options.tasks) {
      lines.push(
        `ecs_task_processes{account_id="${esc(t.accountId)}",cluster="${esc(t.cluster)}",` +
          `service="${esc(t.service)}",task_definition="${esc(t.taskDefinition)}",` +
          `health="${esc(t.health)}"} ${t.count}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

function esc(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
