/** The demo's closing summary: each stage, what happened and how long it took. Pure. */
import type { DemoReport } from "./demo.ts";

export function renderSummary(
  report: Pick<DemoReport, "stages" | "totalMs" | "requests" | "cleanupErrors">,
): string {
  const width = Math.max(5, ...report.stages.map((s) => s.name.length));
  const lines = [`summary (${seconds(report.totalMs)} in all, ${report.requests} requests sent)`];
  for (const stage of report.stages) {
    lines.push(
      `  ${stage.ok ? "✔" : "✘"} ${stage.name.padEnd(width)}  ${
        seconds(stage.ms).padStart(6)
      }  ${stage.result}`,
    );
  }
  const failed = report.stages.filter((s) => !s.ok).length;
  lines.push(
    failed === 0
      ? "  every stage did what it should"
      : `  ${failed} stage(s) did not end as expected`,
  );
  lines.push(
    report.cleanupErrors.length === 0
      ? "  local AWS, its handler and task processes and the traffic are stopped; workspace removed"
      : `  cleanup failed: ${report.cleanupErrors.join("; ")}`,
  );
  return lines.join("\n");
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
