import assert from "node:assert/strict";
import {
  findRelease,
  judgeRelease,
  judgeRollout,
  type ReleaseViewLike,
  sameRevision,
} from "./outcome.ts";

const NEW = `sha256:${"b".repeat(64)}`;
const OLD = `sha256:${"a".repeat(64)}`;

function view(overrides: Partial<ReleaseViewLike>): ReleaseViewLike {
  return {
    environment: "dev",
    release: "feedback",
    sync: "Synced",
    health: "Healthy",
    reason: "Synced",
    message: "",
    desiredRevision: NEW,
    live: [{ target: "v2", revision: NEW, weight: 100 }],
    ...overrides,
  };
}

Deno.test("judgeRelease() calls a release promoted when all traffic is on the desired revision", () => {
  const judged = judgeRelease(view({
    rollout: {
      phase: "Completed",
      step: "6/6",
      canaryRevision: NEW,
      failure: null,
      quarantine: null,
      analysis: [{ run: "a", phase: "Successful", templates: ["lambda-error-rate"] }],
    },
  }));
  assert.deepEqual(judged, {
    outcome: "promoted",
    desiredWeight: 100,
    quarantined: false,
    analysis: ["Successful"],
    failure: null,
  });
});

Deno.test("judgeRelease() calls a Degraded release with no traffic on the desired revision rolled back", () => {
  const judged = judgeRelease(view({
    health: "Degraded",
    reason: "RolledBack",
    live: [{ target: "v1", revision: OLD.slice(0, 19), weight: 100 }],
    rollout: {
      phase: "RolledBack",
      step: "3/6",
      canaryRevision: NEW,
      failure: { reason: "AnalysisFailed", metric: "error-rate" },
      quarantine: { revision: NEW.slice(7) },
      analysis: [{ run: "a", phase: "Failed", templates: ["lambda-error-rate"] }],
    },
  }));
  assert.deepEqual(judged, {
    outcome: "rolledBack",
    desiredWeight: 0,
    quarantined: true,
    analysis: ["Failed"],
    failure: "AnalysisFailed: error-rate",
  });
});

Deno.test("judgeRelease() keeps a canary still at 10% in progress", () => {
  const judged = judgeRelease(view({
    health: "Progressing",
    live: [
      { target: "v1", revision: OLD, weight: 90 },
      { target: "v2", revision: NEW, weight: 10 },
    ],
  }));
  assert.equal(judged.outcome, "inProgress");
  assert.equal(judged.desiredWeight, 10);
});

Deno.test("judgeRelease() counts only a quarantine of the desired revision", () => {
  const judged = judgeRelease(view({
    rollout: {
      phase: "Completed",
      step: "6/6",
      canaryRevision: NEW,
      failure: null,
      quarantine: { revision: OLD },
      analysis: [],
    },
  }));
  assert.equal(judged.quarantined, false);
});

Deno.test("judgeRelease() does not call a Degraded release still serving the new revision rolled back", () => {
  const judged = judgeRelease(view({ health: "Degraded" }));
  assert.equal(judged.outcome, "inProgress");
});

Deno.test("sameRevision() matches abbreviated digests and exact image references only", () => {
  assert.equal(sameRevision(NEW.slice(0, 19), NEW), true);
  assert.equal(sameRevision(OLD, NEW), false);
  assert.equal(sameRevision("sha256:bbbb", NEW), false, "too short to identify a revision");
  assert.equal(sameRevision(null, NEW), false);
  assert.equal(sameRevision("ml-news-inference:1.1.0", "ml-news-inference:1.1.0"), true);
  assert.equal(sameRevision("ml-news-inference:1.0.0", "ml-news-inference:1.1.0"), false);
});

Deno.test("findRelease() names the release it cannot find and rejects a document without items", () => {
  const document = { kind: "ReleaseStatusList", items: [view({})] };
  assert.equal(findRelease(document, "dev/feedback").release, "feedback");
  assert.throws(
    () => findRelease(document, "production/feedback"),
    /no release production\/feedback/,
  );
  assert.throws(() => findRelease({ error: "x" }, "dev/feedback"), /expected a ReleaseStatusList/);
});

Deno.test("judgeRollout() keeps the analysis runs seen while the rollout ran, for its revision only", () => {
  const rollout = (phase: string, step: string, runs: [string, string][], canary = NEW) => ({
    phase,
    step,
    canaryRevision: canary,
    failure: null,
    quarantine: null,
    analysis: runs.map(([run, phase]) => ({ run, phase, templates: ["lambda-error-rate"] })),
  });
  const judged = judgeRollout([
    view({
      health: "Progressing",
      rollout: rollout("Progressing", "3/6", [["a", "Failed"]], OLD),
    }),
    view({ health: "Progressing", rollout: rollout("Progressing", "3/6", [["a", "Running"]]) }),
    view({ health: "Progressing", rollout: rollout("Progressing", "5/6", []) }),
    view({ health: "Progressing", rollout: rollout("Progressing", "6/6", [["a", "Running"]]) }),
    view({
      health: "Progressing",
      rollout: rollout("Progressing", "6/6", [["a", "Successful"], ["b", "Running"]]),
    }),
    view({ rollout: rollout("Completed", "6/6", []) }),
  ]);
  assert.equal(judged.outcome, "promoted");
  assert.deepEqual(judged.analysis, ["Running", "Successful", "Running"]);
  assert.throws(() => judgeRollout([]), /no status/);
});

Deno.test("judgeRollout() reads an ECS bake's analysis from its rollout view", () => {
  const image = "ml-news-inference:1.1.0-demo";
  const ecs = (health: string, phase: string | null, weight: number): ReleaseViewLike =>
    view({
      release: "inference",
      health,
      desiredRevision: image,
      live: [{ target: "ml-news-inference:2", revision: image, weight }],
      rollout: phase === null ? null : {
        phase: "Progressing",
        step: "1/1",
        canaryRevision: image,
        failure: null,
        quarantine: null,
        analysis: [{ run: "bake", phase, templates: ["inference-quality"] }],
      },
    });
  const judged = judgeRollout([
    ecs("Progressing", "Running", 50),
    ecs("Progressing", "Successful", 50),
    ecs("Healthy", null, 100),
  ]);
  assert.equal(judged.outcome, "promoted");
  assert.deepEqual(judged.analysis, ["Successful"]);
});
