import assert from "node:assert/strict";
import { renderMetrics } from "./prometheus.ts";

Deno.test("renderMetrics() counts invocations, errors, throttles, URL statuses and a cumulative duration histogram per version", () => {
  const r = (over: object) => ({
    t: 0,
    functionName: "fn",
    executedVersion: "2",
    error: false,
    durationMs: 3,
    ...over,
  });
  const text = renderMetrics(
    new Map([["000000000001", [
      r({}),
      r({ error: true, durationMs: 40, urlStatus: 502 }),
      r({ throttled: true, durationMs: 0 }),
      r({ urlStatus: 404 }),
      r({ executedVersion: "1", durationMs: 2000, urlStatus: 200 }),
    ]]]),
    {
      tasks: [{
        accountId: "000000000001",
        cluster: "c",
        service: "s",
        taskDefinition: "s:1",
        health: "HEALTHY",
        count: 2,
      }],
    },
  );
  const v2 = 'account_id="000000000001",function_name="fn",executed_version="2"';
  const v1 = 'account_id="000000000001",function_name="fn",executed_version="1"';
  for (
    const line of [
      `lambda_invocations_total{${v2}} 3`,
      `lambda_invocations_total{${v1}} 1`,
      `lambda_errors_total{${v2}} 1`,
      `lambda_throttles_total{${v2}} 1`,
      `lambda_url_requests_total{${v2}} 2`,
      `lambda_url_4xx_total{${v2}} 1`,
      `lambda_url_5xx_total{${v2}} 1`,
      `lambda_duration_seconds_bucket{${v2},le="0.0025"} 0`,
      `lambda_duration_seconds_bucket{${v2},le="0.005"} 2`,
      `lambda_duration_seconds_bucket{${v2},le="0.05"} 3`,
      `lambda_duration_seconds_bucket{${v2},le="+Inf"} 3`,
      `lambda_duration_seconds_bucket{${v1},le="1"} 0`,
      `lambda_duration_seconds_count{${v1}} 1`,
      `ecs_task_processes{account_id="000000000001",cluster="c",service="s",task_definition="s:1",health="HEALTHY"} 2`,
    ]
  ) {
    assert.ok(text.split("\n").includes(line), `missing: ${line}`);
  }
  assert.match(text, /^# TYPE lambda_duration_seconds histogram$/m);
});
