/**
 * One row per validation rule: an invalid fixture (tests/fixtures/manifests/invalid/<name>/)
 * laid over the valid fixture repo, and the exact problems `loadRepo` must report.
 */
import assert from "node:assert/strict";
import { problemsOf } from "./testing.ts";

interface Case {
  readonly rule: string;
  readonly fixture: string;
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  {
    rule: "duplicate definitions, metric names and container names are rejected",
    fixture: "duplicate-definitions",
    expected: [
      'manifests/analysis/twice.yaml:11:13: spec.metrics[1].name: duplicate metric name "errors"',
      'manifests/functions/model-copy.yaml:4:9: metadata.name: duplicate LambdaFunction name "ml-news-model" (first defined at manifests/functions/functions.yaml:21:9)',
      'manifests/services/twins.yaml:15:15: spec.taskDefinition.containers[1].name: duplicate container name "app"',
      'manifests/services/twins.yaml:19:20: spec.loadBalancer.containerName: expected one of the containers ("app"), found "web"',
    ],
  },
  {
    rule: "bad map keys, empty values and the wrong apiVersion are reported",
    fixture: "bad-keys-and-empty-values",
    expected: [
      'manifests/functions/extra.yaml:1:13: apiVersion: expected "deploy.mlnews.dev/v1alpha1", found "deploy.mlnews.dev/v1alpha2"',
      "manifests/functions/extra.yaml:7:11: spec.handler: expected a string, found an empty value",
      "manifests/functions/extra.yaml:8:15: spec.memorySize: expected a memory size from 128 to 10240 MB, found 64",
      `manifests/functions/extra.yaml:12:5: spec.environment["1BAD"]: expected an environment variable name (a letter, then letters, digits or '_') as the key, found "1BAD"`,
      "manifests/functions/extra.yaml:14:39: spec.artifact.bucket: expected an S3 bucket name, found an empty string",
    ],
  },
  {
    rule: "duplicate release names in an environment are rejected",
    fixture: "duplicate-release",
    expected: [
      'releases/dev/feedback.yaml:4:9: metadata.name: duplicate release name "feedback" in environment "dev" (first defined at releases/dev/feedback-again.yaml:4:9)',
    ],
  },
  {
    rule: "two releases of the same Lambda alias in an environment are rejected",
    fixture: "duplicate-target",
    expected: [
      'releases/dev/model.yaml:6:13: spec.function: expected one release per target, found alias "live" of ml-news-model already released by "model-again" (releases/dev/model-again.yaml:4:9)',
    ],
  },
  {
    rule: "an ECS image tagged latest is rejected as mutable",
    fixture: "image-latest",
    expected: [
      'releases/staging/batch.yaml:7:10: spec.image: expected an immutable tag or a digest, found "ml-news-batch:latest" (the tag "latest" is mutable)',
    ],
  },
  {
    rule: "an ECS image without tag or digest is rejected",
    fixture: "image-untagged",
    expected: [
      'releases/dev/batch.yaml:7:10: spec.image: expected an image with an explicit tag or digest (like ml-news-batch:1.0.0), found "ml-news-batch"',
    ],
  },
  {
    rule: "durations that are not <n>ms|s|m|h, or zero where positive, are rejected",
    fixture: "invalid-duration",
    expected: [
      'releases/dev/feedback.yaml:12:30: spec.strategy.canary.steps[1].pause.duration: expected a duration like 500ms, 30s, 5m or 1h, found "5 minutes"',
      'releases/dev/feedback.yaml:13:30: spec.strategy.canary.steps[2].pause.duration: expected a duration like 500ms, 30s, 5m or 1h, found "1.5m"',
      'releases/dev/feedback.yaml:14:21: spec.progressDeadline: expected a duration longer than zero, found "0s"',
    ],
  },
  {
    rule: "kinds in the wrong folder are rejected",
    fixture: "kind-in-wrong-folder",
    expected: [
      'manifests/functions/model-release.yaml:2:7: kind: expected Environment, LambdaFunction, EcsService, AnalysisTemplate in manifests/, found "LambdaRelease" (it belongs in releases/<environment>/)',
      'releases/dev/prod.yaml:2:7: kind: expected LambdaRelease or EcsRelease in releases/<environment>/, found "Environment" (it belongs in manifests/)',
    ],
  },
  {
    rule: "missing required fields are reported at their parent",
    fixture: "missing-field",
    expected: [
      "releases/dev/model.yaml:3:1: metadata.name: missing required field",
      "releases/dev/model.yaml:4:1: spec.function: missing required field",
      "releases/dev/model.yaml:4:1: spec.revision: missing required field",
    ],
  },
  {
    rule:
      "zero, negative and fractional counts are rejected where whole positive numbers are required",
    fixture: "non-positive-count",
    expected: [
      "manifests/analysis/all-providers.yaml:11:14: spec.metrics[0].count: expected a whole number greater than 0, found 0",
      "manifests/analysis/all-providers.yaml:12:19: spec.metrics[0].minSamples: expected a whole number, found 2.5",
      "manifests/analysis/all-providers.yaml:13:21: spec.metrics[0].failureLimit: expected a whole number of 0 or more, found -1",
      "manifests/services/batch.yaml:7:17: spec.desiredCount: expected a whole number greater than 0, found 0",
      "manifests/services/batch.yaml:17:20: spec.taskDefinition.containers[0].healthCheck.retries: expected a whole number greater than 0, found -1",
    ],
  },
  {
    rule:
      "a FARGATE service released to an Environment with target: aws needs network (target: local does not)",
    fixture: "fargate-without-network",
    expected: [
      'manifests/services/web.yaml:5:1: spec.network: expected network (subnets, securityGroups) for a FARGATE service on an Environment with target: aws, found none (released to "staging" by releases/staging/web.yaml:4:9)',
    ],
  },
  {
    rule:
      "network takes subnet-… and sg-… ids, non-empty lists, ENABLED or DISABLED, and only with FARGATE",
    fixture: "network-ids",
    expected: [
      'manifests/services/web.yaml:16:32: spec.network.subnets[1]: expected a subnet id like subnet-0123456789abcdef0, found "sg-0123456789abcdef0"',
      "manifests/services/web.yaml:17:21: spec.network.securityGroups: expected at least one security group id, found 0",
      'manifests/services/web.yaml:18:21: spec.network.assignPublicIp: expected one of "ENABLED", "DISABLED", found "YES"',
      "manifests/services/web.yaml:36:5: spec.network: expected no network for launchType EC2 (its tasks use bridge networking; network is for FARGATE's awsvpc), found one",
    ],
  },
  {
    rule: "a releases/<env>/ folder without an Environment is rejected",
    fixture: "release-without-environment",
    expected: [
      'releases/qa/model.yaml:1:1: expected releases/<environment>/ to name an Environment in manifests/, found "qa"',
    ],
  },
  {
    rule:
      "a canary step must set exactly one of setWeight, pause, analysis, reported with the other problems",
    fixture: "step-exactly-one",
    expected: [
      'releases/dev/feedback.yaml:11:11: spec.strategy.canary.steps[0]: expected exactly one of "setWeight", "pause", "analysis", found "setWeight" and "pause"',
      'releases/dev/feedback.yaml:13:11: spec.strategy.canary.steps[1]: expected exactly one of "setWeight", "pause", "analysis", found none',
      'releases/dev/feedback.yaml:14:21: spec.progressDeadline: expected a duration like 500ms, 30s, 5m or 1h, found "5 minutes"',
    ],
  },
  {
    rule: "strategy and explicit traffic are exclusive",
    fixture: "strategy-and-traffic",
    expected: [
      "releases/dev/feedback-beta.yaml:12:5: spec.traffic: expected either strategy or traffic, found both",
    ],
  },
  {
    rule: "explicit traffic must sum to 100",
    fixture: "traffic-sum",
    expected: [
      "releases/dev/feedback-beta.yaml:10:5: spec.traffic: expected weights summing to 100, found 90 (60 + 30)",
    ],
  },
  {
    rule: "more than two revisions on a Lambda alias are rejected",
    fixture: "traffic-three-revisions",
    expected: [
      "releases/dev/feedback-beta.yaml:10:5: spec.traffic: expected at most 2 revisions (a Lambda alias routes to at most two versions), found a list of 3",
    ],
  },
  {
    rule: "unknown fields are reported with the nearest valid name",
    fixture: "unknown-field",
    expected: [
      "manifests/services/batch.yaml:5:1: spec.desiredCount: missing required field",
      'manifests/services/batch.yaml:7:3: spec.replicas: unknown field "replicas"; did you mean "desiredCount"?',
      'manifests/services/batch.yaml:15:9: spec.taskDefinition.containers[0].enviroment: unknown field "enviroment"; did you mean "environment"?',
      'manifests/services/batch.yaml:17:54: spec.deployment.circuitBreaker.alarms: unknown field "alarms"',
      'releases/dev/model.yaml:7:3: spec.alais: unknown field "alais"; did you mean "alias"?',
      'releases/dev/model.yaml:12:11: spec.strategy.canary.steps[0].setWieght: unknown field "setWieght"; did you mean "setWeight"?',
    ],
  },
  {
    rule: "unknown kinds and non-mapping documents are rejected",
    fixture: "unknown-kind",
    expected: [
      'manifests/services/extra.yaml:2:7: kind: expected one of "Environment", "LambdaFunction", "EcsService", "AnalysisTemplate", "LambdaRelease", "EcsRelease", found "EcsSevice"; did you mean "EcsService"?',
      "manifests/services/list.yaml:1:1: expected a manifest (a mapping with apiVersion, kind, metadata and spec), found a list",
    ],
  },
  {
    rule:
      "references to undefined functions, services, templates and image repositories are rejected",
    fixture: "unknown-references",
    expected: [
      'releases/dev/batch.yaml:7:10: spec.image: expected an image of repository "ml-news-batch" or "public.ecr.aws/aws-observability/aws-otel-collector" (a container of EcsService ml-news-batch), found "ml-news-inference:1.2.3"',
      'releases/dev/feedback.yaml:6:13: spec.function: expected the name of a LambdaFunction in manifests/, found "ml-news-feedbak"; did you mean "ml-news-feedback"?',
      'releases/dev/feedback.yaml:12:35: spec.strategy.canary.steps[1].analysis.templates[0]: expected the name of an AnalysisTemplate in manifests/, found "all-provider"; did you mean "all-providers"?',
      'releases/dev/feedback.yaml:12:49: spec.strategy.canary.steps[1].analysis.templates[1]: expected the name of an AnalysisTemplate in manifests/, found "error-rate"',
      'releases/dev/inference.yaml:6:12: spec.service: expected the name of an EcsService in manifests/, found "ml-news-inferense"; did you mean "ml-news-inference"?',
    ],
  },
  {
    rule: "weights outside 0-100 are rejected",
    fixture: "weight-range",
    expected: [
      "releases/dev/feedback.yaml:11:22: spec.strategy.canary.steps[0].setWeight: expected a weight from 0 to 100, found 150",
      "releases/dev/feedback.yaml:12:22: spec.strategy.canary.steps[1].setWeight: expected a weight from 0 to 100, found -10",
    ],
  },
  {
    rule: "wrong types say what was expected and what was found",
    fixture: "wrong-type",
    expected: [
      "manifests/functions/functions.yaml:7:12: spec.handler: expected a string, found a list of 2",
      'manifests/functions/functions.yaml:8:15: spec.memorySize: expected a whole number of MB, found "256MB"',
      "manifests/functions/functions.yaml:12:14: spec.environment.RETRIES: expected a string (quote numbers and booleans), found 3",
      'manifests/functions/functions.yaml:13:13: spec.artifact: expected a mapping, found "feedback"',
    ],
  },
  {
    rule: "duplicate YAML keys are syntax errors",
    fixture: "yaml-duplicate-key",
    expected: [
      "releases/dev/model.yaml:8:3: YAML syntax error: Map keys must be unique",
    ],
  },
  {
    rule: "YAML syntax errors carry the parser's position",
    fixture: "yaml-syntax",
    expected: [
      "releases/dev/feedback.yaml:11:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  },
];

for (const { rule, fixture, expected } of CASES) {
  Deno.test(`loadRepo(): ${rule} (${fixture})`, async () => {
    assert.deepEqual(await problemsOf(fixture), expected);
  });
}

Deno.test("every invalid fixture has a row in the rule table", async () => {
  const fixtures: string[] = [];
  const dir = new URL("../../tests/fixtures/manifests/invalid/", import.meta.url);
  for await (const entry of Deno.readDir(dir)) fixtures.push(entry.name);
  assert.deepEqual(fixtures.sort(), CASES.map((c) => c.fixture).sort());
});
