/**
 * Progressive-delivery e2e harness: a fixture repo whose `dev/feedback` canary has second-long
 * pauses and analyses (the manifests' own durations, no clock tricks), local AWS running the
 * handlers for real (process runtime), user traffic through the alias, and one-shot controller
 * passes through the real CLI, as CI would run them.
 */
import { zipSync } from "fflate";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { LocalAws } from "../../local_aws/mod.ts";
import { startLocalAwsWithWorkloads } from "../../local_aws/with_workloads.ts";
import type { Routing } from "../../controller/aws/lambda_port.ts";
import { type CliResult, runCli } from "./cli.ts";
import { ACCOUNTS, awsView } from "./aws_view.ts";
import { type FixtureRepo, fixtureRepo } from "./fixture_repo.ts";

export const FN = "ml-news-feedback";
/** A user's call (local AWS's runtime needs a JSON event; an empty payload crashes it). */
const EVENT = new TextEncoder().encode(JSON.stringify({ rawPath: "/v1/feedback/stats" }));

/** Weights the fast canary writes, in order, then promotion (100). */
export const PLANNED = [20, 60, 100];

const STRATEGY = `  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: { duration: 1s }
        - analysis: { templates: [fast-errors] }
        - setWeight: 60
        - analysis: { templates: [fast-errors] }
  progressDeadline: 1m`;

const TEMPLATE = `apiVersion: deploy.mlnews.dev/v1alpha1
kind: AnalysisTemplate
metadata:
  name: fast-errors
spec:
  metrics:
    - name: error-rate
      provider:
        localAws:
          metric: errorRate
      initialDelay: 1s
      interval: 1s
      count: 2
      minSamples: 5
      inconclusiveLimit: 1
      successCondition: result <= stable + 0.05 && result < 0.5
      failureCondition: result > stable + 0.2
`;

export interface RolloutWorld {
  readonly repo: FixtureRepo;
  readonly aws: LocalAws;
  readonly view: ReturnType<typeof awsView>;
  /** Runs the CLI against this local AWS. */
  cli(args: readonly string[]): Promise<CliResult>;
  /** A ZIP whose handler answers 200 (`good`) or throws (`broken`); returns its sha256 hex. */
  artifact(label: string, behaviour: "good" | "broken"): Promise<string>;
  /** Points `dev/feedback` at `hex` and commits. */
  release(hex: string): Promise<void>;
  routing(): Promise<Routing>;
  /** Starts user traffic through the alias (Invoke API, a few calls every 50 ms). */
  traffic(): { stop(): Promise<number> };
  close(): Promise<void>;
}

export async function rolloutWorld(): Promise<RolloutWorld> {
  const repo = await fixtureRepo();
  await repo.edit(
    "releases/dev/feedback.yaml",
    / {2}strategy:[\s\S]*?rollbackPolicy/,
    `${STRATEGY}\n  rollbackPolicy`,
  );
  await Deno.writeTextFile(`${repo.root}/manifests/analysis/fast-errors.yaml`, TEMPLATE);
  await repo.commit("fast canary");
  const aws = await startLocalAwsWithWorkloads({
    stateDir: `${repo.root}/.local-aws`,
    port: 0,
    workloads: { pollMs: 100 },
  });
  const view = awsView(aws.endpoint, "dev");
  const client = new LambdaClient({
    region: "eu-west-1",
    endpoint: aws.endpoint,
    credentials: { accessKeyId: ACCOUNTS.dev, secretAccessKey: "e2e" },
  });
  return {
    repo,
    aws,
    view,
    cli: (args) => runCli(repo.root, args, { endpoint: aws.endpoint }),
    async artifact(label, behaviour) {
      const body = behaviour === "good"
        ? `return { statusCode: 200, body: ${JSON.stringify(label)} };`
        : `throw new Error(${JSON.stringify(`${label}: broken build`)});`;
      const code = `export const handler = async () => { ${body} };\n`;
      const bytes = zipSync({
        "index.mjs": [new TextEncoder().encode(code), { mtime: new Date(1980, 0, 1) }],
      });
      const digest = new Uint8Array(
        await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
      );
      const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
      await Deno.mkdir(`${repo.root}/dist/lambda/feedback`, { recursive: true });
      await Deno.writeFile(`${repo.root}/dist/lambda/feedback/${hex}.zip`, bytes);
      return hex;
    },
    async release(hex) {
      await repo.setRevision("dev", "feedback", hex);
      await repo.commit(`feedback ${hex.slice(0, 12)}`);
    },
    async routing() {
      return (await view.lambda.getAlias(FN, "live"))!.routing;
    },
    traffic() {
      let running = true;
      let calls = 0;
      const loop = (async () => {
        while (running) {
          await Promise.all(Array.from({ length: 6 }, async () => {
            try {
              await client.send(
                new InvokeCommand({ FunctionName: FN, Qualifier: "live", Payload: EVENT }),
              );
              calls++;
            } catch { /* throttled or not there yet: users retry */ }
          }));
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          return calls;
        },
      };
    },
    async close() {
      client.destroy();
      view.close();
      await aws.close();
      await repo.remove();
    },
  };
}

/** Percent of the alias's traffic on `version`. */
export function weightOn(routing: Routing, version: string): number {
  const extra = routing.extra && routing.extra.weight > 0 ? routing.extra : null;
  if (routing.primary === version) return 100 - (extra?.weight ?? 0);
  return extra?.version === version ? Math.round(extra.weight) : 0;
}

/** Records every distinct canary weight the alias shows, polling faster than any step. */
export function watchWeights(
  world: RolloutWorld,
  version: string,
): { stop(): Promise<number[]> } {
  const seen: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const w = weightOn(await world.routing(), version);
      if (seen.at(-1) !== w) seen.push(w);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const w = weightOn(await world.routing(), version);
      if (seen.at(-1) !== w) seen.push(w);
      return seen;
    },
  };
}

/** One-shot passes until `done(result)` or `max` passes; returns every pass's result. */
export async function passes(
  world: RolloutWorld,
  done: (r: CliResult) => boolean,
  options: { readonly max?: number; readonly pauseMs?: number } = {},
): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let i = 0; i < (options.max ?? 30); i++) {
    const r = await world.cli(["reconcile", "--env", "dev", "--release", "feedback"]);
    results.push(r);
    if (done(r)) return results;
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 200));
  }
  return results;
}

export interface StatusItem {
  readonly health: string;
  readonly reason: string;
  readonly message: string;
  // deno-lint-ignore no-explicit-any
  readonly rollout: any;
}

export async function feedbackStatus(world: RolloutWorld): Promise<StatusItem> {
  const r = await world.cli(["status", "--env", "dev", "--release", "feedback", "-o", "json"]);
  const list = JSON.parse(r.stdout) as { items: StatusItem[] };
  return list.items[0]!;
}
