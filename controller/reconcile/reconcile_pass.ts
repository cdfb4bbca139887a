/**
 * One pass over the selected releases: load and validate the manifests, resolve desired state,
 * connect each environment's target, and reconcile its releases (a few at a time).
 */
import type { Target } from "../aws/target.ts";
import type { Clock } from "../clock.ts";
import { type DesiredEnvironment, desiredFromRepo } from "../desired/from_repo.ts";
import { gitHead } from "../git_head.ts";
import { type Environment, formatProblem, loadRepo } from "../manifest/mod.ts";
import { releaseKey } from "../plan/desired.ts";
import {
  type ReconcileOptions,
  reconcileRelease,
  type ReleaseResult,
} from "./reconcile_release.ts";
import { mapInOrder } from "./pool.ts";

export interface PassOptions {
  readonly root: string;
  readonly environment?: string;
  readonly release?: string;
  readonly clock: Clock;
  readonly dryRun?: boolean;
  readonly follow?: ReconcileOptions["follow"];
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Connection to an environment's target (callers cache it across passes). */
  readonly connect: (env: Environment) => Promise<Target>;
  /** Releases to leave out of this pass (watch-mode backoff), by `env/name`. */
  readonly skip?: (key: string) => boolean;
  readonly onTarget?: (env: Environment, target: Target, releases: number) => void;
  readonly onResult?: (result: ReleaseResult) => void;
}

export type PassResult =
  | {
    readonly ok: true;
    readonly commit: string | null;
    readonly results: readonly ReleaseResult[];
  }
  /** Invalid manifests or selection: nothing was read from or written to AWS. */
  | { readonly ok: false; readonly problems: readonly string[] };

export async function reconcilePass(options: PassOptions): Promise<PassResult> {
  const { repo, problems } = await loadRepo(options.root);
  if (problems.length > 0) return { ok: false, problems: problems.map(formatProblem) };
  const commit = await gitHead(options.root);
  let environments: DesiredEnvironment[];
  try {
    environments = desiredFromRepo(repo, {
      commit,
      ...(options.environment !== undefined ? { environment: options.environment } : {}),
      ...(options.release !== undefined ? { release: options.release } : {}),
    });
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  if (options.release !== undefined && environments.every((e) => e.releases.length === 0)) {
    return { ok: false, problems: [`no release named ${JSON.stringify(options.release)}`] };
  }
  const results: ReleaseResult[] = [];
  for (const { environment, releases } of environments) {
    const selected = releases.filter((r) => !options.skip?.(releaseKey(r)));
    if (selected.length === 0) continue;
    const target = await options.connect(environment);
    options.onTarget?.(environment, target, selected.length);
    const reconcileOptions: ReconcileOptions = {
      clock: options.clock,
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.follow ? { follow: options.follow } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const done = await mapInOrder(
      selected,
      (desired) => reconcileRelease(target, desired, reconcileOptions),
      {
        concurrency: options.concurrency ?? 8,
        ...(options.onResult ? { onResult: options.onResult } : {}),
      },
    );
    results.push(...done);
  }
  return { ok: true, commit, results };
}
