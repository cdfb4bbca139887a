/** The plan role (pull-request dry runs) can read everything the controller reads, and write nothing. */
import assert from "node:assert/strict";
import { directActions, isReadAction } from "./iam_actions.ts";
import { allowedActions, allows, list, loadPolicy } from "./policy_documents.ts";
import { sdkCalls, sourceFiles } from "./sdk_calls.ts";

const direct = directActions(await sdkCalls(await sourceFiles("controller/aws")));
const plan = await loadPolicy("plan-readonly-policy.json");
const controller = await loadPolicy("controller-policy.json");

Deno.test("the plan policy allows exactly the reads the controller's adapters make", () => {
  assert.deepEqual(allowedActions(plan), direct.filter(isReadAction));
});

Deno.test("the plan policy scopes each read as the controller policy does", () => {
  for (const statement of plan.Statement) {
    for (const action of list(statement.Action)) {
      for (const resource of list(statement.Resource)) {
        const sample = resource.replaceAll("*", "x");
        assert.ok(allows(controller, action, sample), `${action} on ${sample}`);
      }
    }
  }
});
