import assert from "node:assert/strict";
import { parseManifestFile } from "./parse_manifest.ts";
import { formatProblem } from "./problem.ts";

const ENV = `apiVersion: deploy.mlnews.dev/v1alpha1
kind: Environment
metadata: { name: dev }
spec: { target: local, region: eu-west-1, accountId: "000000000001" }
`;

const messages = (text: string) => parseManifestFile(text, "f.yaml").problems.map(formatProblem);

Deno.test("parseManifestFile() keeps the valid documents of a stream and reports the others", () => {
  const { manifests, invalid, problems } = parseManifestFile(
    `${ENV}---\n${ENV.replace("name: dev", "name: qa").replace("local", "remote")}`,
    "f.yaml",
  );
  assert.deepEqual(manifests.map((m) => m.manifest.metadata.name), ["dev"]);
  assert.deepEqual(invalid, [{ kind: "Environment", name: "qa" }]);
  assert.deepEqual(problems.map(formatProblem), [
    'f.yaml:9:17: spec.target: expected one of "local", "aws", found "remote"',
  ]);
});

Deno.test("parseManifestFile() says what it found instead of a manifest", () => {
  assert.deepEqual(messages(""), ["f.yaml:1:1: expected a manifest, found none"]);
  assert.deepEqual(messages("# just a comment\n"), ["f.yaml:1:1: expected a manifest, found none"]);
  assert.deepEqual(messages("kind:\n"), [
    'f.yaml:1:6: kind: expected one of "Environment", "LambdaFunction", "EcsService", "AnalysisTemplate", "LambdaRelease", "EcsRelease", found an empty value',
  ]);
  assert.deepEqual(messages("apiVersion: v1\n"), ["f.yaml:1:1: kind: missing required field"]);
  assert.deepEqual(messages("42\n"), [
    "f.yaml:1:1: expected a manifest (a mapping with apiVersion, kind, metadata and spec), found a scalar",
  ]);
});

Deno.test("parseManifestFile() cuts hostile names and values short in messages", () => {
  const key = "k".repeat(10_000);
  const text = ENV.replace("spec: {", `spec: { ${key}: 1, region: "${"r".repeat(10_000)}",`)
    .replace("region: eu-west-1, ", "");
  const long = `${"k".repeat(57)}...`;
  assert.deepEqual(messages(text), [
    `f.yaml:4:10022: spec.region: expected an AWS region like eu-west-1, found "${
      "r".repeat(57)
    }..."`,
    `f.yaml:4:9: spec["${long}"]: unknown field "${long}"`,
  ]);
});
