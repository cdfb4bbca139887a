/**
 * Prometheus metrics of the watch loop, with the names controller-runtime dashboards use:
 * `controller_runtime_reconcile_total{result}`, `controller_runtime_reconcile_time_seconds`
 * (histogram), `workqueue_depth`, plus per-release gauges `mlnews_release_synced`,
 * `mlnews_release_health{health}` and `mlnews_release_traffic_weight{target}`.
 */
import { Counter, Gauge, Histogram, Registry } from "../../lib/prometheus.ts";
import type { ReleaseStatus } from "../plan/status.ts";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const HEALTHS = ["Healthy", "Progressing", "Paused", "Degraded", "Missing", "Unknown"] as const;
const RESULTS = ["success", "error", "requeue"] as const;
const CONTROLLER = "release";

export type ReconcileResultLabel = typeof RESULTS[number];

interface ReleaseEntry {
  readonly environment: string;
  readonly release: string;
  readonly status: ReleaseStatus;
}

export class Metrics {
  #reconciles = new Counter(
    "controller_runtime_reconcile_total",
    "Total number of reconciliations per controller",
    ["controller", "result"],
  );
  #reconcileTime = new Histogram(
    "controller_runtime_reconcile_time_seconds",
    "Length of time per reconciliation per controller",
    ["controller"],
    BUCKETS,
  );
  #depth = new Gauge("workqueue_depth", "Current depth of workqueue", ["name"]);
  #releases = new Map<string, ReleaseEntry>();

  constructor() {
    for (const result of RESULTS) this.#reconciles.init([CONTROLLER, result]);
    this.#reconcileTime.init([CONTROLLER]);
    this.#depth.init([CONTROLLER]);
  }

  observeReconcile(result: ReconcileResultLabel, seconds: number): void {
    this.#reconciles.inc([CONTROLLER, result]);
    this.#reconcileTime.observe([CONTROLLER], seconds);
  }

  setQueueDepth(depth: number): void {
    this.#depth.set([CONTROLLER], depth);
  }

  setRelease(environment: string, release: string, status: ReleaseStatus): void {
    this.#releases.set(`${environment}/${release}`, { environment, release, status });
  }

  /** The exposition text; release gauges reflect only each release's latest status. */
  render(): string {
    const registry = new Registry();
    registry.register(this.#reconciles);
    registry.register(this.#reconcileTime);
    registry.register(this.#depth);
    const labels = ["environment", "release"];
    const synced = registry.register(
      new Gauge("mlnews_release_synced", "1 when the release is Synced", labels),
    );
    const health = registry.register(
      new Gauge("mlnews_release_health", "1 for the release's current health", [
        ...labels,
        "health",
      ]),
    );
    const weight = registry.register(
      new Gauge(
        "mlnews_release_traffic_weight",
        "Percent of live traffic per version or task definition",
        [...labels, "target"],
      ),
    );
    const entries = [...this.#releases.entries()].sort(([a], [b]) => a.localeCompare(b));
    for (const [, { environment, release, status }] of entries) {
      synced.set([environment, release], status.sync === "Synced" ? 1 : 0);
      for (const h of HEALTHS) health.set([environment, release, h], status.health === h ? 1 : 0);
      for (const slice of status.live) {
        weight.set([environment, release, slice.target], slice.weight);
      }
    }
    return registry.render();
  }
}
