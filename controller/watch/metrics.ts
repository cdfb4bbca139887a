/**
 * Prometheus metrics of the watch loop, with the names controller-runtime dashboards use:
 * `controller_runtime_reconcile_total{result}`, `controller_runtime_reconcile_time_seconds`
 * (histogram), `workqueue_depth`, plus per-release gauges `mlnews_release_synced`,
 * `mlnews_release_health{health}` and `mlnews_release_traffic_weight{target}`.
 */
import type { ReleaseStatus } from "../plan/status.ts";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const HEALTHS = ["Healthy", "Progressing", "Paused", "Degraded", "Missing", "Unknown"] as const;
const CONTROLLER = 'controller="release"';

export type ReconcileResultLabel = "success" | "error" | "requeue";

export class Metrics {
  #totals = new Map<ReconcileResultLabel, number>();
  #bucketCounts = BUCKETS.map(() => 0);
  #sum = 0;
  #count = 0;
  #depth = 0;
  #releases = new Map<string, { environment: string; release: string; status: ReleaseStatus }>();

  observeReconcile(result: ReconcileResultLabel, seconds: number): void {
    this.#totals.set(result, (this.#totals.get(result) ?? 0) + 1);
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) this.#bucketCounts[i]! += 1;
    });
    this.#sum += seconds;
    this.#count += 1;
  }

  setQueueDepth(depth: number): void {
    this.#depth = depth;
  }

  setRelease(environment: string, release: string, status: ReleaseStatus): void {
    this.#releases.set(`${environment}/${release}`, { environment, release, status });
  }

  render(): string {
    const out: string[] = [];
    out.push(
      "# HELP controller_runtime_reconcile_total Total number of reconciliations per controller",
    );
    out.push("# TYPE controller_runtime_reconcile_total counter");
    for (const result of ["success", "error", "requeue"] as const) {
      out.push(
        `controller_runtime_reconcile_total{${CONTROLLER},result="${result}"} ${
          this.#totals.get(result) ?? 0
        }`,
      );
    }
    out.push(
      "# HELP controller_runtime_reconcile_time_seconds Length of time per reconciliation per controller",
    );
    out.push("# TYPE controller_runtime_reconcile_time_seconds histogram");
    BUCKETS.forEach((b, i) => {
      out.push(
        `controller_runtime_reconcile_time_seconds_bucket{${CONTROLLER},le="${b}"} ${
          this.#bucketCounts[i]
        }`,
      );
    });
    out.push(
      `controller_runtime_reconcile_time_seconds_bucket{${CONTROLLER},le="+Inf"} ${this.#count}`,
    );
    out.push(`controller_runtime_reconcile_time_seconds_sum{${CONTROLLER}} ${this.#sum}`);
    out.push(`controller_runtime_reconcile_time_seconds_count{${CONTROLLER}} ${this.#count}`);
    out.push("# HELP workqueue_depth Current depth of workqueue");
    out.push("# TYPE workqueue_depth gauge");
    out.push(`workqueue_depth{name="release"} ${this.#depth}`);
    out.push("# HELP mlnews_release_synced 1 when the release is Synced");
    out.push("# TYPE mlnews_release_synced gauge");
    const entries = [...this.#releases.values()].sort((a, b) =>
      `${a.environment}/${a.release}`.localeCompare(`${b.environment}/${b.release}`)
    );
    for (const r of entries) {
      out.push(`mlnews_release_synced{${labels(r)}} ${r.status.sync === "Synced" ? 1 : 0}`);
    }
    out.push("# HELP mlnews_release_health 1 for the release's current health");
    out.push("# TYPE mlnews_release_health gauge");
    for (const r of entries) {
      for (const h of HEALTHS) {
        out.push(
          `mlnews_release_health{${labels(r)},health="${h}"} ${r.status.health === h ? 1 : 0}`,
        );
      }
    }
    out.push(
      "# HELP mlnews_release_traffic_weight Percent of live traffic per version or task definition",
    );
    out.push("# TYPE mlnews_release_traffic_weight gauge");
    for (const r of entries) {
      for (const slice of r.status.live) {
        out.push(
          `mlnews_release_traffic_weight{${labels(r)},target="${
            escape(slice.target)
          }"} ${slice.weight}`,
        );
      }
    }
    return out.join("\n") + "\n";
  }
}

function labels(r: { environment: string; release: string }): string {
  return `environment="${escape(r.environment)}",release="${escape(r.release)}"`;
}

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
