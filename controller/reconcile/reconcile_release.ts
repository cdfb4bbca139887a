/**
 * One release, one pass: observe → plan → apply, repeated while the plan has actions (a
 * `RevisionId` conflict means re-observe and re-plan, never overwrite), then the confirmed
 * status. In follow mode a running ECS deployment is watched until ECS says it completed or
 * failed.
 */
import { AwsError, ConflictError } from "../aws/errors.ts";
import type { Clock } from "../clock.ts";
import type { ReleaseOutcome } from "../exit_codes.ts";
import { observe } from "../observe/observe.ts";
import type { Action } from "../plan/actions.ts";
import type { DesiredRelease } from "../plan/desired.ts";
import { plan } from "../plan/plan.ts";
import { outcomeOf, type ReleaseStatus } from "../plan/status.ts";
import { apply, type ApplyPorts, type Done } from "../apply/apply.ts";
import type { Ports } from "../observe/observe.ts";

export interface ReleaseResult {
  readonly desired: DesiredRelease;
  /** Status as confirmed by the last observation (before the first apply in dry-run mode). */
  readonly status: ReleaseStatus;
  /** In dry-run mode, what would be done; otherwise empty. */
  readonly planned: readonly Action[];
  /** What AWS confirmed, in order. */
  readonly done: readonly Done[];
  readonly error: Error | null;
  readonly outcome: ReleaseOutcome;
  /** Observe/plan rounds this pass took. */
  readonly rounds: number;
}

export interface ReconcileOptions {
  readonly clock: Clock;
  readonly dryRun?: boolean;
  /** Keep observing a running ECS deployment until it settles (one-shot runs). */
  readonly follow?: { readonly timeoutMs: number; readonly pollMs: number };
  /** Observe/plan/apply rounds before giving up (conflicts and follow-up actions). */
  readonly maxRounds?: number;
  /** Retries of throttled/transient failures (after the SDK's own), with exponential backoff. */
  readonly retry?: { readonly attempts: number; readonly baseMs: number };
  readonly signal?: AbortSignal;
}

export async function reconcileRelease(
  ports: ApplyPorts & Ports,
  desired: DesiredRelease,
  options: ReconcileOptions,
): Promise<ReleaseResult> {
  const { clock } = options;
  const maxRounds = options.maxRounds ?? 5;
  const done: Done[] = [];
  let rounds = 0;
  let status: ReleaseStatus | null = null;
  const followUntil = options.follow ? clock.now().getTime() + options.follow.timeoutMs : 0;

  const finish = (s: ReleaseStatus, error: Error | null, planned: readonly Action[] = []) => {
    let outcome: ReleaseOutcome = error ? "error" : outcomeOf(s, planned.length);
    if (outcome === "in-sync" && done.length > 0) outcome = "changed";
    return { desired, status: s, planned, done, error, outcome, rounds };
  };

  const retry = options.retry ?? { attempts: 3, baseMs: 500 };
  let retries = 0;
  /** Whether a failure is worth another round after a backoff pause. */
  const backoff = async (error: Error): Promise<boolean> => {
    if (!(error instanceof AwsError) || !error.retryable || retries >= retry.attempts) return false;
    retries += 1;
    await clock.sleep(
      retry.baseMs * 2 ** (retries - 1) * (0.5 + Math.random() / 2),
      options.signal,
    );
    return !options.signal?.aborted;
  };

  while (true) {
    rounds += 1;
    let p;
    try {
      const observed = await observe(ports, desired, {
        now: clock.now().getTime(),
        measure: !options.dryRun,
        signal: options.signal,
      });
      p = plan(desired, observed, clock.now());
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      if (await backoff(e)) continue;
      return finish(status ?? unknownStatus(e), e);
    }
    status = p.status;
    if (options.dryRun) return finish(p.status, null, p.actions);
    if (p.actions.length === 0) {
      // A deployment is followed until its tasks run; canary, linear and blue/green then bake
      // for minutes to hours, and later passes (with their analysis) take them from there.
      const baking = p.status.baking === true &&
        (desired.kind === "EcsRelease" && desired.deploymentSettings.strategy !== "ROLLING");
      const following = options.follow && desired.kind === "EcsRelease" && !baking &&
        p.status.health === "Progressing" && clock.now().getTime() < followUntil &&
        !options.signal?.aborted;
      if (!following) return finish(p.status, null);
      await clock.sleep(options.follow!.pollMs, options.signal);
      continue;
    }
    if (rounds > maxRounds) {
      return finish(p.status, new Error(`still changing after ${maxRounds} rounds; will retry`));
    }
    const result = await apply(ports, p.actions);
    done.push(...result.done);
    if (result.failure) {
      if (result.failure.error instanceof ConflictError) continue;
      if (await backoff(result.failure.error)) continue;
      return finish(p.status, result.failure.error);
    }
  }
}

function unknownStatus(error: Error): ReleaseStatus {
  return {
    sync: "Unknown",
    health: "Unknown",
    reason: "ObserveFailed",
    message: error.message,
    drift: [],
    live: [],
    step: null,
    since: null,
    appliedCommit: null,
  };
}
