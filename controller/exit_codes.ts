/**
 * Process exit codes of `reconcile`, `status` and `rollout`. Only `main.ts` calls `Deno.exit`;
 * commands return one of these. Documented in README.md ("Exit codes").
 *
 * | code | meaning |
 * |---|---|
 * | 0 | every release in sync and healthy |
 * | 1 | error: invalid manifests, AWS errors that outlived retries, bad flags |
 * | 2 | changes applied, or a rollout is still in progress |
 * | 3 | a release was rolled back or is degraded (failed deployment, drift left in place) |
 * | 4 | waiting for a human: paused, or analysis inconclusive |
 */
export const ExitCode = {
  Ok: 0,
  Error: 1,
  Progressing: 2,
  Degraded: 3,
  WaitingForHuman: 4,
} as const;
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/** Outcome of one release in one pass, as far as the exit code is concerned. */
export type ReleaseOutcome =
  | "in-sync"
  | "changed"
  | "progressing"
  | "degraded"
  | "waiting"
  | "error";

const severity: Record<ReleaseOutcome, number> = {
  "in-sync": 0,
  changed: 1,
  progressing: 1,
  waiting: 2,
  degraded: 3,
  error: 4,
};

const codeOf: Record<ReleaseOutcome, ExitCode> = {
  "in-sync": ExitCode.Ok,
  changed: ExitCode.Progressing,
  progressing: ExitCode.Progressing,
  waiting: ExitCode.WaitingForHuman,
  degraded: ExitCode.Degraded,
  error: ExitCode.Error,
};

/** The most severe outcome decides: error > degraded > waiting > changed/progressing > in sync. */
export function exitCodeFor(outcomes: readonly ReleaseOutcome[]): ExitCode {
  let worst: ReleaseOutcome = "in-sync";
  for (const outcome of outcomes) if (severity[outcome] > severity[worst]) worst = outcome;
  return codeOf[worst];
}
