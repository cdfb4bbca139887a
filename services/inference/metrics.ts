/**
 * The inference service's Prometheus metrics: requests and latency by route and status,
 * predictions by category, and which model version is loaded.
 */
import { Counter, Gauge, Histogram, Registry } from "../../lib/prometheus.ts";

/** Latency buckets in seconds: the service answers in well under a millisecond. */
export const LATENCY_BUCKETS = [
  0.0001,
  0.00025,
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  1,
];

export class InferenceMetrics {
  readonly registry = new Registry();
  readonly requests = this.registry.register(
    new Counter("http_requests_total", "HTTP requests by route and status.", ["route", "status"]),
  );
  readonly latency = this.registry.register(
    new Histogram(
      "http_request_duration_seconds",
      "HTTP request latency by route and status.",
      ["route", "status"],
      LATENCY_BUCKETS,
    ),
  );
  readonly predictions = this.registry.register(
    new Counter("predictions_total", "Documents classified, by predicted category.", ["category"]),
  );
  readonly modelInfo = this.registry.register(
    new Gauge("model_info", "The loaded model version (value is always 1).", [
      "version",
      "short_version",
    ]),
  );
  readonly ready = this.registry.register(
    new Gauge("model_ready", "1 once the model is loaded and warmed up."),
  );

  /** Record one finished request. */
  observeRequest(route: string, status: number, seconds: number): void {
    const labels = [route, String(status)];
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }
}
