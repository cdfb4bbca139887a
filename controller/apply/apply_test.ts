import assert from "node:assert/strict";
import type { EcsPort } from "../aws/ecs_port.ts";
import { ConflictError } from "../aws/errors.ts";
import type { LambdaPort } from "../aws/lambda_port.ts";
import type { ArtifactStore } from "../artifact/artifact_store.ts";
import type { LambdaAction } from "../plan/actions.ts";
import { decodeAliasState } from "../plan/alias_state.ts";
import { CONFIG, REV_A, REV_B } from "../plan/testing.ts";
import { apply } from "./apply.ts";

/** A recording fake: every call is logged; `fail` makes the named operation throw. */
function recordingPorts(fail?: { op: string; error: Error }) {
  const calls: string[] = [];
  const record = (op: string, detail: unknown) => {
    calls.push(`${op} ${JSON.stringify(detail)}`);
    if (fail?.op === op) throw fail.error;
  };
  const lambda = {
    createFunction: (name: string) => Promise.resolve(record("createFunction", name)),
    updateFunctionCode: (name: string) => Promise.resolve(record("updateFunctionCode", name)),
    publishVersion: (_name: string, input: { codeSha256: string }) => {
      record("publishVersion", input.codeSha256.slice(0, 4));
      return Promise.resolve({
        version: "7",
        codeSha256: input.codeSha256,
        config: CONFIG,
        description: "",
      });
    },
    updateAlias: (
      _fn: string,
      _alias: string,
      write: { routing: unknown; revisionId: string; description: string },
    ) => {
      record("updateAlias", { routing: write.routing, revisionId: write.revisionId });
      return Promise.resolve({
        name: "live",
        routing: write.routing,
        description: write.description,
        revisionId: "r2",
      });
    },
    tagFunction: (arn: string) => Promise.resolve(record("tagFunction", arn)),
  } as unknown as LambdaPort;
  const artifacts: ArtifactStore = {
    code: () => Promise.resolve({ zipFile: new Uint8Array([1]) }),
  };
  return { ports: { lambda, ecs: {} as EcsPort, artifacts }, calls };
}

const ACTIONS: LambdaAction[] = [
  {
    kind: "updateFunctionCode",
    functionName: "fn",
    artifact: { package: "p", bucket: null, revision: REV_B },
    from: REV_A,
  },
  { kind: "publishVersion", functionName: "fn", revision: REV_B, description: "d" },
  {
    kind: "updateAlias",
    functionName: "fn",
    alias: "live",
    target: { publishedFor: REV_B },
    stable: { version: "3", revision: REV_A },
    state: {
      revision: REV_B,
      spec: "5pec00000000",
      commit: null,
      stableRevision: REV_A,
      weight: 10,
      rollout: { rev: REV_B, ph: "P", st: "1", t: "0", w: "10" },
    },
    before: { primary: "3", extra: null },
    revisionId: "r1",
    reason: "rollout",
  },
  { kind: "tagFunction", functionName: "fn", arn: "arn:fn", tags: {} },
];

Deno.test("apply() runs actions in order and resolves the version published earlier in the list", async () => {
  const { ports, calls } = recordingPorts();
  const result = await apply(ports, ACTIONS);
  assert.equal(result.failure, null);
  assert.deepEqual(calls, [
    'updateFunctionCode "fn"',
    'publishVersion "bbbb"',
    'updateAlias {"routing":{"primary":"3","extra":{"version":"7","weight":10}},"revisionId":"r1"}',
    'tagFunction "arn:fn"',
  ]);
  assert.equal(result.done[1]?.version, "7");
});

Deno.test("apply() writes the rollout state into the same alias update as the routing", async () => {
  let description = "";
  const { ports } = recordingPorts();
  const updateAlias = ports.lambda.updateAlias;
  ports.lambda.updateAlias = (fn, alias, write) => {
    description = write.description;
    return updateAlias(fn, alias, write);
  };
  await apply(ports, ACTIONS);
  const state = decodeAliasState(description);
  assert.equal(state?.targetVersion, "7");
  assert.equal(state?.stableVersion, "3");
  assert.equal(state?.weight, 10);
});

Deno.test("apply() stops at the first failure and reports only what AWS confirmed", async () => {
  const conflict = new ConflictError(
    "conflict",
    "UpdateAlias",
    "PreconditionFailedException",
    "stale",
  );
  const { ports, calls } = recordingPorts({ op: "updateAlias", error: conflict });
  const result = await apply(ports, ACTIONS);
  assert.deepEqual(result.done.map((d) => d.action.kind), ["updateFunctionCode", "publishVersion"]);
  assert.equal(result.failure?.action.kind, "updateAlias");
  assert.equal(result.failure?.error, conflict);
  assert.equal(calls.length, 3, "tagFunction was never called");
});
