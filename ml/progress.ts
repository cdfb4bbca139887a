/**
 * Training progress: a redrawn one-line bar (rows/s, epoch, loss) on a terminal, plain
 * log lines (one per epoch) otherwise, so CI logs stay readable.
 */
import type { EpochProgress } from "./trainer.ts";

export interface ProgressSink {
  update(p: EpochProgress): void;
  done(): void;
}

export function progressReporter(
  label: string,
  options: { isTerminal: boolean; write: (s: string) => void; now: () => number },
): ProgressSink {
  const started = options.now();
  let rowsBefore = 0;
  const line = (p: EpochProgress) => {
    const rows = rowsBefore + p.rowsDone;
    const seconds = Math.max((options.now() - started) / 1000, 1e-3);
    const fraction = rows / (p.rows * p.epochs);
    const bar = "#".repeat(Math.round(fraction * 20)).padEnd(20, ".");
    return `${label} [${bar}] epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)} ${
      Math.round(rows / seconds)
    } rows/s`;
  };
  let drawn = false;
  return {
    update(p) {
      if (options.isTerminal) {
        options.write(`\r${line(p)}\x1b[K`);
        drawn = true;
      } else if (p.rowsDone === p.rows) {
        options.write(line(p) + "\n");
      }
      if (p.rowsDone === p.rows) rowsBefore += p.rows;
    },
    done() {
      if (drawn) options.write("\n");
    },
  };
}
