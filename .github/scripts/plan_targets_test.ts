import assert from "node:assert/strict";
import { environmentsToPlan } from "./plan_targets.ts";

const ENVS = ["dev", "production"];

Deno.test("environmentsToPlan() plans each environment whose releases changed", () => {
  assert.deepEqual(environmentsToPlan(["releases/dev/feedback.yaml"], ENVS), ["dev"]);
  assert.deepEqual(
    environmentsToPlan(["releases/production/model.yaml", "releases/dev/model.yaml"], ENVS),
    ["dev", "production"],
  );
});

Deno.test("environmentsToPlan() plans every environment when manifests/ changed", () => {
  assert.deepEqual(environmentsToPlan(["manifests/functions/model.yaml"], ENVS), ENVS);
});

Deno.test("environmentsToPlan() plans nothing for other changes or unknown folders", () => {
  assert.deepEqual(environmentsToPlan(["README.md", "controller/main.ts"], ENVS), []);
  assert.deepEqual(environmentsToPlan(["releases/$(id)/x.yaml", "releases/README.md"], ENVS), []);
});
