import assert from "node:assert/strict";
import { placement } from "./placement.ts";

Deno.test("placement() puts definitions in manifests/ and releases in releases/<env>/", () => {
  assert.deepEqual(placement("manifests/functions/a.yaml", "LambdaFunction"), {
    role: "definition",
  });
  assert.deepEqual(placement("releases/dev/a.yaml", "EcsRelease"), {
    role: "release",
    environment: "dev",
  });
  assert.deepEqual(placement("releases/dev/nested/a.yaml", "LambdaRelease"), {
    role: "release",
    environment: "dev",
  });
  assert.equal(placement("releases/a.yaml", "LambdaRelease").role, "misplaced");
  assert.equal(placement("releases/dev/a.yaml", "AnalysisTemplate").role, "misplaced");
  assert.equal(placement("manifests/a.yaml", "LambdaRelease").role, "misplaced");
});
