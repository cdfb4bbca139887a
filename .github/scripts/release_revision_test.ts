import assert from "node:assert/strict";
import { readReleaseRevision, ReleaseEditError, setReleaseRevision } from "./release_revision.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;
const lambdaRelease = [
  "# yaml-language-server: $schema=../../schemas/lambdarelease.schema.json",
  "apiVersion: deploy.mlnews.dev/v1alpha1",
  "kind: LambdaRelease",
  "metadata:",
  "  name: feedback",
  "spec:",
  "  function: ml-news-feedback",
  "  alias: live",
  "  # sha256 of the ZIP from `deno task package`.",
  `  revision: sha256:${"0".repeat(64)}`,
  "  strategy:",
  "    canary:",
  "      steps:",
  "        - setWeight: 10",
  "        - pause: { duration: 1m }",
  "        - analysis: { templates: [lambda-error-rate] }",
  "  rollbackPolicy: auto # auto | manual",
  "",
].join("\n");
const ecsRelease = [
  "apiVersion: deploy.mlnews.dev/v1alpha1",
  "kind: EcsRelease",
  "metadata:",
  "  name: inference",
  "spec:",
  "  service: ml-news-inference",
  "  image: ml-news-inference:1.0.0",
  "",
].join("\n");

function changedLines(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  assert.equal(a.length, b.length, "same number of lines");
  return b.filter((line, i) => line !== a[i]);
}

Deno.test("setReleaseRevision() changes only the revision line of a LambdaRelease", () => {
  const after = setReleaseRevision(lambdaRelease, DIGEST, { file: "f.yaml" });
  assert.deepEqual(changedLines(lambdaRelease, after), [`  revision: ${DIGEST}`]);
  assert.equal(readReleaseRevision(after, { file: "f.yaml" }).revision, DIGEST);
});

Deno.test("setReleaseRevision() sets spec.image of an EcsRelease", () => {
  const image = `ml-news-inference:${"c".repeat(40)}`;
  const after = setReleaseRevision(ecsRelease, image, { file: "i.yaml" });
  assert.deepEqual(changedLines(ecsRelease, after), [`  image: ${image}`]);
  const digest = `ml-news-inference@sha256:${"d".repeat(64)}`;
  assert.equal(
    readReleaseRevision(setReleaseRevision(ecsRelease, digest, { file: "i.yaml" }), {
      file: "i.yaml",
    }).revision,
    digest,
  );
});

Deno.test("setReleaseRevision() rejects revisions of the wrong shape, naming file and field", () => {
  const cases: [string, string, RegExp][] = [
    [lambdaRelease, "sha256:abc", /f\.yaml: spec\.revision: expected sha256:<64 lowercase hex>/],
    [lambdaRelease, "ml-news-inference:1.0.1", /f\.yaml: spec\.revision: expected sha256/],
    [ecsRelease, "ml-news-inference", /f\.yaml: spec\.image: expected <repository>:<tag>/],
    [ecsRelease, "ml-news-inference:latest", /f\.yaml: spec\.image: the tag latest is mutable/],
    [ecsRelease, "ml-news-inference:a b", /f\.yaml: spec\.image: expected/],
  ];
  for (const [text, revision, message] of cases) {
    assert.throws(
      () => setReleaseRevision(text, revision, { file: "f.yaml" }),
      (error: unknown) => error instanceof ReleaseEditError && message.test(error.message),
      revision,
    );
  }
});

Deno.test("setReleaseRevision() keeps the quoting style of the value it replaces", () => {
  const quoted = ecsRelease.replace(
    "image: ml-news-inference:1.0.0",
    'image: "ml-news-inference:1.0.0"',
  );
  const after = setReleaseRevision(quoted, "ml-news-inference:2.0.0", { file: "i.yaml" });
  assert.deepEqual(changedLines(quoted, after), ['  image: "ml-news-inference:2.0.0"']);
});

Deno.test("readReleaseRevision() explains what it cannot edit", () => {
  const cases: [string, RegExp][] = [
    [
      "kind: LambdaFunction\nmetadata: {name: x}\n",
      /kind: expected LambdaRelease or EcsRelease, found "LambdaFunction"/,
    ],
    [
      "kind: LambdaRelease\nmetadata: {name: x}\nspec: {traffic: []}\n",
      /spec\.revision: the release sets explicit traffic/,
    ],
    [
      "kind: EcsRelease\nmetadata: {name: x}\nspec: {image: 3}\n",
      /spec\.image: expected a string, found number/,
    ],
    ["kind: LambdaRelease\nmetadata: {}\n", /metadata\.name: expected a non-empty string/],
    ["kind: [LambdaRelease\n", /r\.yaml:2:1: Flow sequence in block collection must be/],
    ["- a\n- b\n", /expected a YAML mapping/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => readReleaseRevision(text, { file: "r.yaml" }), message, text);
  }
});
