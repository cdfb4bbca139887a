/**
 * `deno task bench [name...]`: runs every benchmark (or the named ones) in this process, one
 * after another so they do not compete for the machine's two cores. Each prints its own
 * figures and, where its issue asks, a ratio against a baseline measured in the same run.
 */
import { parseArgs } from "node:util";

type Bench = () => Promise<{ run(): Promise<void> }>;

const BENCHMARKS: Readonly<Record<string, Bench>> = {
  manifests: () => import("./manifests.ts"),
  "local-aws": () => import("./local_aws.ts"),
  reconcile: () => import("./reconcile.ts"),
  rollback: () => import("./rollback.ts"),
  "lambda-services": () => import("./lambda_services.ts"),
  inference: () => import("./inference.ts"),
  workloads: () => import("./workloads.ts"),
};

if (import.meta.main) {
  const { positionals } = parseArgs({ args: Deno.args, allowPositionals: true });
  const names = positionals.length > 0 ? positionals : Object.keys(BENCHMARKS);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(", ")}; known: ${Object.keys(BENCHMARKS).join(", ")}`,
    );
    Deno.exit(2);
  }
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    const started = performance.now();
    await (await BENCHMARKS[name]!()).run();
    console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  Deno.exit(0); // a benchmark's servers are closed; do not wait on stray timers
}
