/**
 * Reconcile at scale: 500 releases (400 Lambda, 100 ECS, each with its own function or
 * service) in one environment against in-process local AWS. Reports AWS calls (reads and
 * writes, by operation) and wall time of a bootstrap pass, a no-op pass and a pass that changes
 * every release. A no-op pass must make zero writes and a small constant number of reads per
 * release. Local AWS runs in the same process, so wall times include the emulator's work.
 */
import { zipSync } from "fflate";
import { connect } from "../controller/aws/target.ts";
import { systemClock } from "../controller/clock.ts";
import { reconcilePass } from "../controller/reconcile/reconcile_pass.ts";
import { startLocalAws } from "../local_aws/mod.ts";

const LAMBDAS = 400;
const SERVICES = 100;
const READ = /^(Get|List|Describe)/;

export async function run(): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "bench-reconcile-" });
  const aws = await startLocalAws({ stateDir: `${root}/.local-aws`, timing: { taskStartMs: 20 } });
  try {
    const v1 = await writeArtifact(root, "v1");
    await writeRepo(root, v1, "1.0.0");
    console.log(
      `reconcile bench: ${
        LAMBDAS + SERVICES
      } releases (${LAMBDAS} Lambda, ${SERVICES} ECS), concurrency 8`,
    );
    await pass(root, aws.endpoint, "bootstrap (creates everything)");
    await pass(root, aws.endpoint, "no-op");
    const v2 = await writeArtifact(root, "v2");
    await writeRepo(root, v2, "1.1.0");
    await pass(root, aws.endpoint, "change every release");
    await pass(root, aws.endpoint, "no-op after change");
  } finally {
    await aws.close();
    await Deno.remove(root, { recursive: true });
  }
}

async function pass(root: string, endpoint: string, label: string): Promise<void> {
  const calls = new Map<string, number>();
  const onCall = (op: string) => calls.set(op, (calls.get(op) ?? 0) + 1);
  const targets: { close(): void }[] = [];
  const start = performance.now();
  const result = await reconcilePass({
    root,
    clock: systemClock,
    concurrency: 8,
    follow: { timeoutMs: 60_000, pollMs: 100 },
    connect: async (env) => {
      const t = await connect(env, {
        root,
        localEndpoint: () => Promise.resolve(endpoint),
        onCall,
      });
      targets.push(t);
      return t;
    },
  });
  const ms = performance.now() - start;
  for (const t of targets) t.close();
  if (!result.ok) throw new Error(result.problems.join("\n"));
  const errors = result.results.filter((r) => r.error);
  const n = result.results.length;
  let reads = 0;
  let writes = 0;
  for (const [op, count] of calls) READ.test(op) ? (reads += count) : (writes += count);
  const ops = [...calls].sort((a, b) => b[1] - a[1]).map(([op, c]) => `${op} ${c}`).join(", ");
  console.log(
    `  ${label.padEnd(32)} ${(ms / 1000).toFixed(2).padStart(6)} s  ` +
      `${(reads + writes).toString().padStart(5)} calls (${reads} reads = ${
        (reads / n).toFixed(2)
      }/release, ` +
      `${writes} writes = ${(writes / n).toFixed(2)}/release)${
        errors.length ? `  ${errors.length} ERRORS` : ""
      }`,
  );
  console.log(`    ${ops}`);
  if (label.startsWith("no-op") && writes !== 0) {
    throw new Error(`a no-op pass made ${writes} writes`);
  }
}

async function writeArtifact(root: string, label: string): Promise<string> {
  const code = `export const handler = async () => ({ statusCode: 200, body: "${label}" });\n`;
  const bytes = zipSync({
    "index.mjs": [new TextEncoder().encode(code), { mtime: new Date(1980, 0, 1) }],
  });
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  await Deno.mkdir(`${root}/dist/lambda/bench`, { recursive: true });
  await Deno.writeFile(`${root}/dist/lambda/bench/${hex}.zip`, bytes);
  return hex;
}

async function writeRepo(root: string, revision: string, tag: string): Promise<void> {
  const files = new Map<string, string>();
  const head = (kind: string, name: string) =>
    `apiVersion: deploy.mlnews.dev/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n`;
  files.set(
    "manifests/environments/bench.yaml",
    head("Environment", "bench") +
      `  target: local\n  region: eu-west-1\n  accountId: "000000000009"\n  driftPolicy: heal\n`,
  );
  for (let i = 0; i < LAMBDAS; i++) {
    const name = `bench-fn-${String(i).padStart(3, "0")}`;
    files.set(
      `manifests/functions/${name}.yaml`,
      head("LambdaFunction", name) +
        `  runtime: nodejs22.x\n  handler: index.handler\n  memorySize: 128\n  timeout: 3\n` +
        `  role: bench-role\n  artifact:\n    package: bench\n`,
    );
    files.set(
      `releases/bench/${name}.yaml`,
      head("LambdaRelease", name) +
        `  function: ${name}\n  alias: live\n  revision: sha256:${revision}\n  strategy:\n    preset: AllAtOnce\n`,
    );
  }
  for (let i = 0; i < SERVICES; i++) {
    const name = `bench-svc-${String(i).padStart(3, "0")}`;
    files.set(
      `manifests/services/${name}.yaml`,
      head("EcsService", name) +
        `  cluster: bench-cluster\n  desiredCount: 1\n  taskDefinition:\n    family: ${name}\n` +
        `    cpu: "256"\n    memory: "512"\n    containers:\n      - name: app\n        image: bench-app\n` +
        `        portMappings:\n          - containerPort: 8080\n`,
    );
    files.set(
      `releases/bench/${name}.yaml`,
      head("EcsRelease", name) + `  service: ${name}\n  image: bench-app:${tag}\n`,
    );
  }
  for (const [path, text] of files) {
    await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${path}`, text);
  }
}

if (import.meta.main) await run();
