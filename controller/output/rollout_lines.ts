/** The rollout details under the status table: step, weights, next step, analysis, quarantine. */
import type { RolloutView } from "../plan/rollout_view.ts";
import { type ReleaseView, shortRevision } from "./release_view.ts";

export function rolloutLines(view: ReleaseView): string[] {
  const r = view.rollout;
  if (!r) return [];
  const lines = [
    `${view.environment}/${view.release}: ${r.phase}, Step ${r.step}, set weight ${r.setWeight}% ` +
    `(actual ${r.actualWeight}%), canary ${shortRevision(r.canaryRevision)}, stable ${
      r.stableRevision ? shortRevision(r.stableRevision) : "-"
    }`,
  ];
  const when = r.next.inSeconds === null ? "" : ` in ${r.next.inSeconds}s`;
  const promotion = r.promotionInSeconds === null ? "" : `; promotion in ~${r.promotionInSeconds}s`;
  lines.push(
    `  next: ${r.next.action}${when}${r.next.reason ? ` (${r.next.reason})` : ""}${promotion}`,
  );
  for (const run of r.analysis) {
    lines.push(`  ${run.run} analysis ${run.templates.join(", ")}: ${run.phase} — ${run.message}`);
    for (const m of run.metrics) lines.push(`    ${metricLine(m)}`);
  }
  if (r.failure) {
    lines.push(
      `  failed: ${r.failure.reason}${
        r.failure.metric ? ` (${r.failure.metric})` : ""
      } at ${r.failure.at}`,
    );
  }
  if (r.quarantine) {
    lines.push(`  quarantined: ${shortRevision(r.quarantine.revision)} — ${r.quarantine.lift}`);
  }
  return lines;
}

function metricLine(m: RolloutView["analysis"][number]["metrics"][number]): string {
  const last = m.last
    ? `last ${fmt(m.last.value)}${
      m.last.stableValue === null ? "" : ` vs stable ${fmt(m.last.stableValue)}`
    } (${m.last.samples} samples, ${m.last.phase}) at ${m.last.at}`
    : "not measured yet";
  const counts =
    `${m.successful} ok/${m.failed} failed/${m.inconclusive} inconclusive/${m.errors} errors`;
  return `${m.key}${m.dryRun ? " (dryRun)" : ""}: ${m.phase}, ${last}; ${counts}`;
}

function fmt(value: number | null): string {
  return value === null ? "-" : String(Number(value.toPrecision(4)));
}
