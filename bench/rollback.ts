/**
 * Rollback latency through the controller's wired path: from the analysis verdict "Failed"
 * (the failing measurement folded into the rollout state, as the observer hands it over) to
 * `plan()` deciding the rollback and `apply()` completing the UpdateAlias that restores stable,
 * against local AWS through the real Lambda adapter (`@aws-sdk/client-lambda`). 50 rollbacks
 * of `releases/dev/feedback.yaml` at its last analysis step (50 %); median and p99. The alias
 * is put back at 50 % between rollbacks (not timed). Target: under 1 s median.
 */
import { judge } from "../controller/analysis/measurement.ts";
import { recordMeasurements, startRun } from "../controller/analysis/run.ts";
import { compileTemplates } from "../controller/analysis/template.ts";
import { apply } from "../controller/apply/apply.ts";
import type { ArtifactStore } from "../controller/artifact/artifact_store.ts";
import type { EcsPort } from "../controller/aws/ecs_port.ts";
import { createLambdaPort } from "../controller/aws/lambda_sdk.ts";
import { desiredLambda } from "../controller/desired/lambda_desired.ts";
import type { LambdaRelease } from "../controller/manifest/mod.ts";
import { loadRepo } from "../controller/manifest/mod.ts";
import { encodeAliasState } from "../controller/plan/alias_state.ts";
import { plan } from "../controller/plan/plan.ts";
import { splitRollout } from "../controller/plan/rollout_tags.ts";
import {
  encodeRolloutState,
  lambdaStrategy,
  recordRolloutMeasurements,
  type RolloutState,
} from "../controller/rollout/mod.ts";
import { localAwsClientConfig, startLocalAws } from "../local_aws/mod.ts";
import { zipOf } from "../local_aws/test_support.ts";
import { percentile } from "./stats.ts";

const ROLLBACKS = 50;
const ACCOUNT = { accountId: "000000000001", region: "eu-west-1" };
const FUNCTION = "ml-news-feedback";

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function run(): Promise<void> {
  const root = new URL("../", import.meta.url).pathname;
  const { repo } = await loadRepo(root);
  const release = repo.releases.get("dev")?.get("feedback") as LambdaRelease | undefined;
  if (!release) throw new Error("releases/dev/feedback.yaml is missing");
  const { templates } = compileTemplates(repo.analysisTemplates);
  const desired = desiredLambda(release, {
    environment: repo.environments.get("dev")!,
    fn: repo.functions.get(release.spec.function)!,
    commit: null,
    templates,
  });
  const strategy = lambdaStrategy(release);
  const analysisStep = strategy.steps.findLastIndex((s) => s.kind === "analysis");
  const errorRate = templates.get("lambda-error-rate")!.metrics[0]!;
  const context = { strategy, templates };

  const stateDir = await Deno.makeTempDir({ prefix: "bench-rollback-" });
  const aws = await startLocalAws({ stateDir });
  const lambda = createLambdaPort({
    ...localAwsClientConfig(aws.endpoint, ACCOUNT),
    maxAttempts: 1,
  });
  try {
    const zip = zipOf("export const handler = () => ({ statusCode: 200 });");
    const config = {
      runtime: "nodejs22.x",
      handler: "index.handler",
      memorySize: 256,
      timeout: 3,
      roleArn: `arn:aws:iam::${ACCOUNT.accountId}:role/ml-news-bench`,
      environment: {},
      description: "stable",
    };
    await lambda.createFunction(FUNCTION, { config, code: { zipFile: zip }, tags: {} });
    const codeSha256 = await sha256Hex(zip);
    const stable = await lambda.publishVersion(FUNCTION, { codeSha256, description: "stable" });
    await lambda.updateFunctionConfiguration(FUNCTION, { ...config, timeout: 4 });
    const canary = await lambda.publishVersion(FUNCTION, { codeSha256, description: "canary" });
    const canaryRouting = {
      primary: stable.version,
      extra: { version: canary.version, weight: 50 },
    };
    let alias = await lambda.createAlias(FUNCTION, "live", {
      routing: canaryRouting,
      description: "",
    });

    const revision = desired.revision;
    const aliasState = (state: RolloutState) =>
      encodeAliasState({
        spec: desired.specDigest,
        commit: null,
        targetVersion: canary.version,
        stableVersion: stable.version,
        stableRevision: codeSha256,
        rollout: splitRollout(encodeRolloutState(state, context)).alias,
      });
    const ports = {
      lambda,
      ecs: {} as EcsPort,
      artifacts: {} as ArtifactStore,
    };
    const decideOnly: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < ROLLBACKS + 5; i++) {
      const now = Date.now();
      // At the 50 % analysis with one failure already recorded (failureLimit: 1).
      const failedBefore = judge(errorRate, {
        reading: { value: 0.2, stableValue: 0.01, samples: 200 },
      }, { at: now - 30_000 });
      const state: RolloutState = {
        revision,
        phase: "Progressing",
        step: analysisStep,
        stepStartedAt: now - 60_000,
        weight: 50,
        analysis: recordMeasurements(startRun(now - 60_000), [failedBefore]),
        lastCommandAt: 0,
      };
      alias = await lambda.updateAlias(FUNCTION, "live", {
        routing: canaryRouting,
        description: aliasState(state),
        revisionId: alias.revisionId,
      });
      const fn = (await lambda.getFunction(FUNCTION))!;
      const failing = judge(errorRate, {
        reading: { value: 0.25, stableValue: 0.01, samples: 200 },
      }, { at: now });

      const started = performance.now();
      // What the observer hands the planner after measuring: the state with the verdict in it.
      const measured = recordRolloutMeasurements({ state, run: "step" }, [failing]);
      const planned = plan(desired, {
        kind: "LambdaRelease",
        fn,
        alias,
        versions: null,
        measured,
      }, new Date(now));
      const write = planned.actions.find((a) => a.kind === "updateAlias");
      if (!write || write.kind !== "updateAlias" || write.reason !== "rollback") {
        throw new Error(`expected a rollback write, got ${JSON.stringify(planned.actions)}`);
      }
      const decided = performance.now();
      const result = await apply(ports, [write]);
      const written = performance.now();
      if (result.failure) throw result.failure.error;
      alias = (await lambda.getAlias(FUNCTION, "live"))!;
      if (alias.routing.extra !== null || alias.routing.primary !== stable.version) {
        throw new Error("the rollback write did not restore stable");
      }
      if (i >= 5) { // the first five warm up the SDK client and local AWS
        decideOnly.push(decided - started);
        total.push(written - started);
      }
    }
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log(`rollback latency, ${ROLLBACKS} rollbacks against local AWS (real SDK):`);
    console.log(
      `  verdict → alias restored: median ${ms(percentile(total, 50))}, p99 ${
        ms(percentile(total, 99))
      }, max ${ms(Math.max(...total))}`,
    );
    console.log(
      `  of which plan() (pure): median ${ms(percentile(decideOnly, 50))}, p99 ${
        ms(percentile(decideOnly, 99))
      }`,
    );
  } finally {
    lambda.close();
    await aws.close();
    await Deno.remove(stateDir, { recursive: true });
  }
}

if (import.meta.main) await run();
