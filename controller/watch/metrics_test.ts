import assert from "node:assert/strict";
import { Metrics } from "./metrics.ts";
import type { ReleaseStatus } from "../plan/status.ts";

const STATUS: ReleaseStatus = {
  sync: "Synced",
  health: "Progressing",
  reason: "RolloutProgressing",
  message: "",
  drift: [],
  live: [{ target: "v3", revision: null, weight: 90 }, {
    target: "v4",
    revision: null,
    weight: 10,
  }],
  step: { index: 1, total: 4 },
  since: null,
  appliedCommit: null,
};

Deno.test("Metrics renders controller-runtime names, a cumulative histogram and per-release gauges", () => {
  const m = new Metrics();
  m.observeReconcile("success", 0.02);
  m.observeReconcile("error", 3);
  m.setQueueDepth(4);
  m.setRelease("dev", "feedback", STATUS);
  const text = m.render();
  for (
    const line of [
      'controller_runtime_reconcile_total{controller="release",result="success"} 1',
      'controller_runtime_reconcile_total{controller="release",result="error"} 1',
      'controller_runtime_reconcile_time_seconds_bucket{controller="release",le="0.025"} 1',
      'controller_runtime_reconcile_time_seconds_bucket{controller="release",le="5"} 2',
      'controller_runtime_reconcile_time_seconds_bucket{controller="release",le="+Inf"} 2',
      'controller_runtime_reconcile_time_seconds_count{controller="release"} 2',
      'workqueue_depth{name="release"} 4',
      'mlnews_release_synced{environment="dev",release="feedback"} 1',
      'mlnews_release_health{environment="dev",release="feedback",health="Progressing"} 1',
      'mlnews_release_health{environment="dev",release="feedback",health="Healthy"} 0',
      'mlnews_release_traffic_weight{environment="dev",release="feedback",target="v4"} 10',
    ]
  ) assert.ok(text.includes(`${line}\n`), line);
});

Deno.test("Metrics exports every reconcile result from the start and only each release's latest traffic", () => {
  const m = new Metrics();
  assert.ok(
    m.render().includes(
      'controller_runtime_reconcile_total{controller="release",result="requeue"} 0\n',
    ),
  );
  m.setRelease("dev", "feedback", STATUS);
  m.setRelease("dev", "feedback", {
    ...STATUS,
    live: [{ target: "v4", revision: null, weight: 100 }],
  });
  const text = m.render();
  assert.ok(text.includes('target="v4"} 100\n'));
  assert.ok(!text.includes('target="v3"'), "a slice no longer live is not exported");
});
