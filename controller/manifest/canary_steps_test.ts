import assert from "node:assert/strict";
import { canarySteps } from "./canary_steps.ts";
import type { LambdaRelease } from "./kinds.ts";
import { loadRepo } from "./load_repo.ts";
import { VALID_REPO } from "./testing.ts";

const { repo } = await loadRepo(VALID_REPO);

function release(env: string, name: string): LambdaRelease {
  const found = repo.releases.get(env)?.get(name);
  assert.ok(found?.kind === "LambdaRelease", `${env}/${name}`);
  return found;
}

function withStrategy(strategy: LambdaRelease["spec"]["strategy"]): LambdaRelease {
  const base = release("dev", "model");
  return { ...base, spec: { ...base.spec, strategy } } as LambdaRelease;
}

Deno.test("canarySteps() expands CodeDeploy-style presets into Argo Rollouts steps", () => {
  assert.deepEqual(canarySteps(withStrategy({ preset: "AllAtOnce" })), []);
  assert.deepEqual(canarySteps(withStrategy({ preset: "Canary10Percent5Minutes" })), [
    { setWeight: 10 },
    { pause: { duration: 300_000 } },
  ]);
  assert.deepEqual(canarySteps(withStrategy({ preset: "Canary10Percent10Minutes" })), [
    { setWeight: 10 },
    { pause: { duration: 600_000 } },
  ]);
  const linear = canarySteps(withStrategy({ preset: "Linear10PercentEvery1Minute" }));
  assert.equal(linear.length, 18);
  assert.deepEqual(linear.slice(0, 4), [
    { setWeight: 10 },
    { pause: { duration: 60_000 } },
    { setWeight: 20 },
    { pause: { duration: 60_000 } },
  ]);
  assert.deepEqual(linear.at(-2), { setWeight: 90 });
  const slow = canarySteps(withStrategy({ preset: "Linear10PercentEvery3Minutes" }));
  assert.deepEqual(slow[1], { pause: { duration: 180_000 } });
});

Deno.test("canarySteps() returns explicit steps as written, and none for traffic or no strategy", () => {
  assert.deepEqual(canarySteps(release("dev", "feedback")), [
    { setWeight: 10 },
    { pause: { duration: 300_000 } },
    { analysis: { templates: ["all-providers"] } },
    { setWeight: 50 },
    { pause: {} },
  ]);
  assert.deepEqual(canarySteps(release("dev", "feedback-beta")), []);
  assert.deepEqual(canarySteps(release("staging", "model")), []);
});
