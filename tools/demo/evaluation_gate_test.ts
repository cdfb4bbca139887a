import assert from "node:assert/strict";
import type { WorkloadEndpoints } from "../../local_aws/mod.ts";
import { applyEdit } from "./demo_manifests.ts";
import { evaluationGate } from "./evaluation_gate.ts";
import { REPO_ROOT } from "./workspace.ts";

const ENDPOINTS: WorkloadEndpoints = {
  loadBalancers: [{
    kind: "load-balancer" as const,
    accountId: "000000000001",
    cluster: "ml-news-cluster",
    service: "ml-news-inference",
    url: "http://127.0.0.1:4100",
  }],
  functionUrls: [{
    accountId: "000000000001",
    functionName: "ml-news-evaluation",
    alias: "live",
    url: "http://127.0.0.1:4200/",
  }],
};

Deno.test("evaluationGate() points the evaluation function at the load balancer and the controller at the function", async () => {
  const gate = evaluationGate(ENDPOINTS, { accountId: "000000000001" });
  assert.deepEqual(gate.controllerEnv, { EVALUATION_URL: "http://127.0.0.1:4200" });
  const manifest = await Deno.readTextFile(`${REPO_ROOT}/${gate.edit.file}`);
  const edited = applyEdit(manifest, gate.edit);
  const indent = /\n( +)MAX_P99_MS:/.exec(manifest)![1]!;
  assert.ok(edited.includes(`\n${indent}CANARY_ENDPOINT: http://127.0.0.1:4100\n`), edited);
  assert.ok(edited.includes(`\n${indent}STABLE_ENDPOINT: http://127.0.0.1:4100\n`), edited);
});

Deno.test("evaluationGate() says what an environment that was not reconciled lacks", () => {
  assert.throws(
    () => evaluationGate(ENDPOINTS, { accountId: "000000000002" }),
    /account 000000000002 has no inference load balancer and no evaluation function URL/,
  );
});
