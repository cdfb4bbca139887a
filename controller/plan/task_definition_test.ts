import assert from "node:assert/strict";
import { sameTaskDefinition, taskDefinitionDifferences } from "./task_definition.ts";
import { TASK_DEFINITION, withImage } from "./testing.ts";

Deno.test("sameTaskDefinition() ignores AWS defaults and the order of set-like lists", () => {
  const live = {
    ...TASK_DEFINITION,
    networkMode: "",
    requiresCompatibilities: ["FARGATE"],
    containers: TASK_DEFINITION.containers.map((c) => ({
      ...c,
      environment: [...c.environment].reverse(),
      portMappings: c.portMappings.map((p) => ({ ...p, hostPort: 0, protocol: "" })),
    })),
  };
  assert.ok(sameTaskDefinition(live, TASK_DEFINITION));
});

Deno.test("taskDefinitionDifferences() names the field that really changed", () => {
  assert.deepEqual(
    taskDefinitionDifferences(withImage(TASK_DEFINITION, "ml-news-inference:9"), TASK_DEFINITION),
    ['containers.inference.image: "ml-news-inference:9" -> "ml-news-inference:1.1.0"'],
  );
});
