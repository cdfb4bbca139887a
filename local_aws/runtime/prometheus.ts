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
import { Counter, Gauge, Histogram, Registry } from "../../lib/prometheus.ts";
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

/** Renders the exposition text for the invocations of each account. */
export function renderMetrics(
  byAccount: ReadonlyMap<string, readonly InvocationRecord[]>,
  options: { tasks?: readonly TaskGauge[] } = {},
): string {
  const registry = new Registry();
  const version = ["account_id", "function_name", "executed_version"];
  const counter = (name: string, help: string) =>
    registry.register(new Counter(name, help, version));
  const invocations = counter("lambda_invocations_total", "Invocations run, by executed version.");
  const errors = counter("lambda_errors_total", "Invocations that ended in a function error.");
  const throttles = counter(
    "lambda_throttles_total",
    "Invocations throttled at the concurrency limit.",
  );
  const urlRequests = counter("lambda_url_requests_total", "Requests through a function URL.");
  const url4xx = counter("lambda_url_4xx_total", "Function URL requests answered 4xx.");
  const url5xx = counter("lambda_url_5xx_total", "Function URL requests answered 5xx.");
  const duration = registry.register(
    new Histogram(
      "lambda_duration_seconds",
      "Invocation round trip through the runtime.",
      version,
      DURATION_BUCKETS,
    ),
  );
  for (const [labels, records] of byVersion(byAccount)) {
    for (const family of [invocations, errors, throttles, urlRequests, url4xx, url5xx, duration]) {
      family.init(labels);
    }
    for (const r of records) {
      if (r.urlStatus !== undefined) {
        urlRequests.inc(labels);
        if (r.urlStatus >= 500) url5xx.inc(labels);
        else if (r.urlStatus >= 400) url4xx.inc(labels);
      }
      if (r.throttled) {
        throttles.inc(labels);
        continue;
      }
      invocations.inc(labels);
      if (r.error) errors.inc(labels);
      duration.observe(labels, r.durationMs / 1000);
    }
  }
  if (options.tasks) {
    const tasks = registry.register(
      new Gauge("ecs_task_processes", "ECS task processes local AWS runs, by health.", [
        "account_id",
        "cluster",
        "service",
        "task_definition",
        "health",
      ]),
    );
    for (const t of options.tasks) {
      tasks.set([t.accountId, t.cluster, t.service, t.taskDefinition, t.health], t.count);
    }
  }
  return registry.render();
}

/** Records grouped by (account, function, executed version), in a stable order. */
function byVersion(
  byAccount: ReadonlyMap<string, readonly InvocationRecord[]>,
): [string[], InvocationRecord[]][] {
  const groups = new Map<string, [string[], InvocationRecord[]]>();
  for (const [accountId, records] of byAccount) {
    for (const r of records) {
      const labels = [accountId, r.functionName, r.executedVersion];
      const key = labels.join("\u0000");
      const group = groups.get(key) ?? [labels, []];
      groups.set(key, group);
      group[1].push(r);
    }
  }
  const byLabels = ([a]: [string[], unknown], [b]: [string[], unknown]) => {
    for (let i = 0; i < a.length; i++) {
      const order = (a[i] ?? "").localeCompare(b[i] ?? "");
      if (order !== 0) return order;
    }
    return 0;
  };
  return [...groups.values()].sort(byLabels);
}
