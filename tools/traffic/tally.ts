/**
 * Per-version counts of a traffic run: for each target (inference, feedback) and version, how
 * many requests got which class of answer, and their latency percentiles.
 */
export interface Outcome {
  readonly target: "inference" | "feedback";
  /** The version that answered: task definition + model for inference, Lambda version for feedback. */
  readonly version: string;
  /** HTTP status, or 0 when the request failed without one. */
  readonly status: number;
  readonly ms: number;
}

interface Row {
  ok: number;
  clientErrors: number;
  serverErrors: number;
  failed: number;
  latencies: number[];
}

export class Tally {
  readonly #rows = new Map<string, Row>();

  add(outcome: Outcome): void {
    const key = `${outcome.target}\t${outcome.version}`;
    let row = this.#rows.get(key);
    if (!row) {
      row = { ok: 0, clientErrors: 0, serverErrors: 0, failed: 0, latencies: [] };
      this.#rows.set(key, row);
    }
    if (outcome.status === 0) row.failed++;
    else if (outcome.status < 400) row.ok++;
    else if (outcome.status < 500) row.clientErrors++;
    else row.serverErrors++;
    row.latencies.push(outcome.ms);
  }

  /** Requests counted so far. */
  get total(): number {
    let n = 0;
    for (const row of this.#rows.values()) n += row.latencies.length;
    return n;
  }

  /** One line per target and version, sorted, with counts and p50/p99 latency. */
  render(): string {
    const lines = [
      "target     version                                   requests   2xx/3xx  4xx  5xx  failed  p50 ms  p99 ms",
    ];
    for (const [key, row] of [...this.#rows].sort(([a], [b]) => a.localeCompare(b))) {
      const [target, version] = key.split("\t") as [string, string];
      const sorted = [...row.latencies].sort((a, b) => a - b);
      const pct = (p: number) =>
        (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
      lines.push(
        [
          target.padEnd(10),
          version.padEnd(41),
          String(sorted.length).padStart(8),
          String(row.ok).padStart(9),
          String(row.clientErrors).padStart(4),
          String(row.serverErrors).padStart(4),
          String(row.failed).padStart(7),
          pct(0.5).padStart(7),
          pct(0.99).padStart(7),
        ].join(" "),
      );
    }
    return lines.join("\n");
  }
}
