/**
 * `deno task demo`: the whole product in one run, from a clean temporary state.
 *
 * 1. bootstrap — local AWS with its workloads; `reconcile` creates both environments
 *    (functions, aliases, function URLs, the inference service); `status --wait` until healthy.
 * 2. traffic — AG News texts to dev's inference load balancer and feedback posts to dev's
 *    feedback function URL, for the rest of the demo (`tools/traffic/run.ts`).
 * 3. a new feedback revision goes through its canary, passes analysis and is promoted;
 * 4. a deliberately broken one (`failureRate` build flag) is caught by the analysis, rolled back
 *    and quarantined (a further pass does not re-attempt it);
 * 5. an inference canary (ECS canary strategy) gated by the evaluation function's verdict
 *    endpoint (`web` analysis provider).
 *
 * The controller runs as its CLI (`controller/main.ts` subprocesses), as a user would run it.
 * Everything it starts is stopped and its temporary directory removed when it ends, fails or
 * is aborted (`signal`).
 */
import { readAgNews } from "../../ml/dataset.ts";
import { DATA_DIR } from "../../ml/test_data.ts";
import type { LocalAws } from "../../local_aws/mod.ts";
import { startLocalAwsWithWorkloads } from "../../local_aws/with_workloads.ts";
import type { Tally } from "../traffic/tally.ts";
import { checkAborted, DemoAborted } from "./abort.ts";
import { startBackgroundTraffic } from "./background_traffic.ts";
import { cliError, indent, printOutput } from "./controller_output.ts";
import { evaluationGate } from "./evaluation_gate.ts";
import { printStatus, releaseStatus, rolloutUntilSettled } from "./rollout_loop.ts";
import { controllerCli } from "./controller_cli.ts";
import { type JudgedRelease, judgeRelease, judgeRollout, type ReleaseViewLike } from "./outcome.ts";
import { createWorkspace, type Workspace } from "./workspace.ts";

/** Accounts of the repository's environments (manifests/environments/). */
const DEV_ACCOUNT = "000000000001";
/** A healthy new revision: the same code with a build label, so a distinct digest. */
export const HEALTHY_VARIANT_FLAGS = { label: "demo-healthy" } as const;
/** The broken revision: half the requests answer 500. */
export const BROKEN_FLAGS = { failureRate: 0.5 } as const;
/** Length of simulated ECS time's minute (bake times) in the demo. */
const ECS_MINUTE_MS = 5_000;
/** An inference image tag naming no model version: the current model (local image table). */
export const CANARY_IMAGE = "ml-news-inference:1.1.0-demo";

export interface StageRecord {
  readonly name: string;
  /** One line: what happened. */
  readonly result: string;
  readonly ok: boolean;
  readonly ms: number;
  /** The rolled-out release as `status -o json` reported it at the end of the stage. */
  readonly status?: ReleaseViewLike;
  /** The rollout judged from every `status -o json` read while it ran. */
  readonly judged?: JudgedRelease;
}

export interface DemoReport {
  readonly stages: readonly StageRecord[];
  readonly totalMs: number;
  /** Requests the background traffic sent. */
  readonly requests: number;
  /** Process ids of every ECS task the demo saw, to check they are gone. */
  readonly taskPids: readonly number[];
  /** The workspace that was removed. */
  readonly workspace: string;
  /** What failed while stopping processes and removing the workspace (nothing, normally). */
  readonly cleanupErrors: readonly string[];
}

export interface DemoOptions {
  /** Aborting ends the demo at the next step and cleans up. */
  readonly signal?: AbortSignal;
  readonly print?: (line: string) => void;
  /** Longest a rollout may take before the demo gives up; default 60 s. */
  readonly stageTimeoutMs?: number;
}

type Outcome = Pick<StageRecord, "result" | "ok" | "status" | "judged">;

class StageFailed extends Error {
  override readonly name = "StageFailed";
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const print = options.print ?? ((line: string) => console.log(line));
  const signal = options.signal ?? new AbortController().signal;
  const stageTimeoutMs = options.stageTimeoutMs ?? 60_000;
  const started = performance.now();
  const stages: StageRecord[] = [];
  const taskPids = new Set<number>();
  const cleanups: (() => Promise<void>)[] = [];
  let requests = 0;
  const cleanupErrors: string[] = [];
  let workspaceRoot = "";
  try {
    const stage = async (
      name: string,
      body: () => Promise<Outcome>,
    ): Promise<void> => {
      checkAborted(signal);
      print(`\n━━ ${name}`);
      const t = performance.now();
      let outcome: Outcome;
      try {
        outcome = await body();
      } catch (error) {
        // Ctrl-C reaches the controller subprocesses too; their failure is the interruption.
        if (error instanceof DemoAborted || signal.aborted) throw new DemoAborted("demo aborted");
        const message = (error as Error).message;
        stages.push({
          name,
          result: message.split("\n")[0]!,
          ok: false,
          ms: performance.now() - t,
        });
        print(`✘ ${name}: ${message}`);
        throw new StageFailed(name);
      }
      stages.push({ ...outcome, name, ms: performance.now() - t });
      print(`${outcome.ok ? "✔" : "✘"} ${name}: ${outcome.result}`);
    };

    let workspace!: Workspace;
    let revisions!: { healthy: string; broken: string };
    await stage("prepare", async () => {
      workspace = await createWorkspace();
      workspaceRoot = workspace.root;
      cleanups.push(() => workspace.remove());
      print(`workspace: ${workspace.root} (a copy of manifests/ and releases/, quick timings)`);
      const [feedback, model, evaluation, healthy, broken] = await Promise.all([
        workspace.build("feedback"),
        workspace.build("model"),
        workspace.build("evaluation"),
        workspace.build("feedback", HEALTHY_VARIANT_FLAGS),
        workspace.build("feedback", BROKEN_FLAGS),
      ]);
      for (const env of ["dev", "production"]) {
        await workspace.setRevision(env, "feedback", feedback);
        await workspace.setRevision(env, "model", model);
        await workspace.setRevision(env, "evaluation", evaluation);
      }
      await workspace.commit("demo: releases at the packages built from this checkout");
      revisions = { healthy, broken };
      return {
        ok: true,
        result: `feedback ${short(feedback)}, model ${short(model)}, evaluation ${
          short(evaluation)
        }; variants: healthy ${short(healthy)}, broken ${short(broken)}`,
      };
    });

    checkAborted(signal);
    const aws: LocalAws = await startLocalAwsWithWorkloads({
      stateDir: `${workspace.root}/.local-aws`,
      port: 0,
      // ECS bake times are whole minutes; in the demo's local AWS a minute lasts 5 s.
      timing: { taskStartMs: 200, minuteMs: ECS_MINUTE_MS },
      lambda: { workDir: `${workspace.root}/.local-aws/lambda-task-roots` },
      workloads: { region: "eu-west-1", pollMs: 100 },
    });
    cleanups.push(() => aws.close());
    const noteTasks = () => aws.tasks().forEach((task) => taskPids.add(task.pid));
    const cli = controllerCli(workspace.root, { endpoint: aws.endpoint });
    const run = (args: readonly string[]) => {
      print(`$ deno task ${args.join(" ")}`);
      return cli.run(args);
    };
    print(`local AWS: ${aws.endpoint} (state in the workspace)`);

    await stage("bootstrap both environments", async () => {
      const reconciled = await run(["reconcile"]);
      printOutput(print, reconciled);
      if (reconciled.code !== 0 && reconciled.code !== 2) throw cliError("reconcile", reconciled);
      const waited = await run(["status", "--wait", "--timeout", "90s", "--interval", "1s"]);
      printOutput(print, waited);
      noteTasks();
      return {
        ok: waited.code === 0,
        result: waited.code === 0
          ? `${countReleases(waited.stdout)} releases Synced and Healthy`
          : `status --wait exited ${waited.code}`,
      };
    });

    const texts = (await readAgNews(`${DATA_DIR}/test.csv`)).rows;
    let lastRound: Tally | null = null;
    let lastError = "";
    const traffic = startBackgroundTraffic(aws.endpoint, {
      accountId: DEV_ACCOUNT,
      texts,
      rate: 30,
      feedbackShare: 1,
      onRound: (tally) => lastRound = tally,
      onError: (error) => {
        if (error.message !== lastError) print(`traffic: ${lastError = error.message}`);
      },
    });
    cleanups.push(async () => {
      await traffic.stop();
      requests = traffic.sent;
    });
    const printTraffic = () => {
      if (lastRound) print(`traffic, last second:\n${indent(lastRound.render())}`);
    };

    const rollout = (release: string, env: Record<string, string> = {}) =>
      rolloutUntilSettled(cli, release, {
        print,
        signal,
        timeoutMs: stageTimeoutMs,
        env,
        noteTasks,
      });

    await stage("feedback canary: a healthy revision", async () => {
      await workspace.setRevision("dev", "feedback", revisions.healthy);
      await workspace.commit(`feedback: roll out ${short(revisions.healthy)}`);
      const views = await rollout("feedback");
      const judged = judgeRollout(views);
      printTraffic();
      await printStatus(cli, print);
      const ok = judged.outcome === "promoted" && passedAnalysis(judged);
      return {
        status: views.at(-1)!,
        judged,
        ok,
        result: ok
          ? `${analysisSummary(judged)}, ${short(revisions.healthy)} promoted to 100%`
          : describe(judged),
      };
    });

    await stage("feedback canary: a broken revision", async () => {
      await workspace.setRevision("dev", "feedback", revisions.broken);
      await workspace.commit(
        `feedback: roll out ${short(revisions.broken)} (fails half its requests)`,
      );
      const judged = judgeRollout(await rollout("feedback"));
      printTraffic();
      // One more pass, as CI's next scheduled run: a quarantined revision is not re-attempted.
      const again = await run(["reconcile", "--env", "dev", "--release", "feedback"]);
      printOutput(print, again);
      const status = await releaseStatus(cli, "dev/feedback");
      const after = judgeRelease(status);
      await printStatus(cli, print);
      const ok = judged.outcome === "rolledBack" && judged.analysis.includes("Failed") &&
        after.outcome === "rolledBack" && after.quarantined;
      return {
        status,
        judged,
        ok,
        result: ok
          ? `rolled back to stable (${judged.failure ?? "no reason given"}); ${
            short(revisions.broken)
          } quarantined, not re-attempted`
          : `${describe(judged)}; after another pass: ${describe(after)}`,
      };
    });

    await stage("inference canary gated by the evaluation service", async () => {
      const gate = evaluationGate(aws.endpoints(), { accountId: DEV_ACCOUNT });
      await workspace.edit(gate.edit);
      await workspace.edit({
        file: "releases/dev/inference.yaml",
        from: /image: \S+/,
        to: `image: ${CANARY_IMAGE}`,
      });
      await workspace.commit(`inference: canary ${CANARY_IMAGE}, gated on the evaluation verdict`);
      const updated = await run(["reconcile", "--env", "dev", "--release", "evaluation"]);
      printOutput(print, updated);
      const views = await rollout("inference", gate.controllerEnv);
      const judged = judgeRollout(views);
      printTraffic();
      await printStatus(cli, print);
      const ok = judged.outcome === "promoted" && passedAnalysis(judged);
      return {
        status: views.at(-1)!,
        judged,
        ok,
        result: ok
          ? `evaluation verdict passed (${analysisSummary(judged)}), ${CANARY_IMAGE} promoted`
          : describe(judged),
      };
    });
  } catch (error) {
    // A failed stage is in the report; later stages depend on it and are not run.
    if (!(error instanceof StageFailed)) throw error;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => {
        cleanupErrors.push((error as Error).message);
        print(`cleanup: ${(error as Error).message}`);
      });
    }
  }
  return {
    stages,
    totalMs: performance.now() - started,
    requests,
    taskPids: [...taskPids],
    workspace: workspaceRoot,
    cleanupErrors,
  };
}

/**
 * A promotion that was actually gated: analysis runs were seen and none failed (a passing run is
 * last seen Running, since the pass that completes it also moves the rollout past it).
 */
function passedAnalysis(judged: JudgedRelease): boolean {
  return judged.analysis.length > 0 &&
    judged.analysis.every((phase) => phase === "Running" || phase === "Successful");
}

function analysisSummary(judged: JudgedRelease): string {
  const runs = judged.analysis.length;
  return `${runs} analysis run${runs === 1 ? "" : "s"}, none failed`;
}

function describe(judged: JudgedRelease): string {
  const analysis = judged.analysis.length > 0
    ? `analysis ${judged.analysis.join(", ")}`
    : "no analysis ran";
  return `${judged.outcome}, ${judged.desiredWeight}% on the desired revision, ${analysis}${
    judged.failure ? ` (${judged.failure})` : ""
  }${judged.quarantined ? ", quarantined" : ""}`;
}

function countReleases(table: string): number {
  return table.split("\n").filter((line) => /\s(Lambda|Ecs)Release\s+Synced\s+Healthy\s/.test(line))
    .length;
}

const short = (hex: string) => hex.slice(0, 12);
