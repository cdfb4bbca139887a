import assert from "node:assert/strict";
import { Counter, Gauge, Histogram, Registry } from "./prometheus.ts";

Deno.test("Registry renders counters, gauges and cumulative histogram buckets in text format", () => {
  const registry = new Registry();
  const requests = registry.register(new Counter("requests_total", "Requests.", ["route"]));
  const up = registry.register(new Gauge("up", "Up."));
  const latency = registry.register(
    new Histogram("latency_seconds", "Latency.", ["route"], [0.1, 1]),
  );
  requests.inc(["/a"]);
  requests.inc(["/a"], 2);
  requests.inc(['/b"\\']);
  up.set([], 1);
  latency.observe(["/a"], 0.05);
  latency.observe(["/a"], 0.5);
  latency.observe(["/a"], 5);
  assert.equal(
    registry.render(),
    [
      "# HELP requests_total Requests.",
      "# TYPE requests_total counter",
      'requests_total{route="/a"} 3',
      'requests_total{route="/b\\"\\\\"} 1',
      "# HELP up Up.",
      "# TYPE up gauge",
      "up 1",
      "# HELP latency_seconds Latency.",
      "# TYPE latency_seconds histogram",
      'latency_seconds_bucket{route="/a",le="0.1"} 1',
      'latency_seconds_bucket{route="/a",le="1"} 2',
      'latency_seconds_bucket{route="/a",le="+Inf"} 3',
      'latency_seconds_sum{route="/a"} 5.55',
      'latency_seconds_count{route="/a"} 3',
      "",
    ].join("\n"),
  );
});

Deno.test("a metric refuses label values that do not match its label names", () => {
  const counter = new Counter("c_total", "C.", ["route", "status"]);
  assert.throws(() => counter.inc(["/a"]), /c_total: expected labels route, status/);
});

Deno.test("init() exports a series at zero before its first update, in the order initialized", () => {
  const registry = new Registry();
  const total = registry.register(new Counter("r_total", "R.", ["result"]));
  const seconds = registry.register(new Histogram("s_seconds", "S.", [], [1]));
  total.init(["success"]);
  total.init(["error"]);
  total.inc(["error"]);
  seconds.init();
  assert.equal(
    registry.render(),
    [
      "# HELP r_total R.",
      "# TYPE r_total counter",
      'r_total{result="success"} 0',
      'r_total{result="error"} 1',
      "# HELP s_seconds S.",
      "# TYPE s_seconds histogram",
      's_seconds_bucket{le="1"} 0',
      's_seconds_bucket{le="+Inf"} 0',
      "s_seconds_sum 0",
      "s_seconds_count 0",
      "",
    ].join("\n"),
  );
});
