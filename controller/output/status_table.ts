/** `argocd app list`-style table of release views. */
import { age, formatLive, type ReleaseView, shortRevision } from "./release_view.ts";
import { rolloutLines } from "./rollout_lines.ts";

const HEADERS = [
  "RELEASE",
  "ENV",
  "KIND",
  "SYNC",
  "HEALTH",
  "DESIRED",
  "LIVE",
  "STEP",
  "AGE",
  "MESSAGE",
];

export function statusTable(views: readonly ReleaseView[], now: Date): string {
  const rows = views.map((v) => [
    v.release,
    v.environment,
    v.kind,
    v.sync,
    v.health,
    shortRevision(v.desiredRevision),
    formatLive(v.live),
    v.step ? `${v.step.index}/${v.step.total}` : "-",
    age(v.since, now),
    v.message,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const details = views.flatMap(rolloutLines);
  return [line(HEADERS), ...rows.map(line), ...(details.length ? ["", ...details] : [])].join("\n");
}
