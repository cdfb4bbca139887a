/** A LambdaRelease and its LambdaFunction as the Lambda planner's desired state. */
import {
  canarySteps,
  type Environment,
  type LambdaFunction,
  type LambdaRelease,
} from "../manifest/mod.ts";
import type { DesiredLambda, Step } from "../plan/desired.ts";
import { hexOf, roleArn } from "./arns.ts";
import { digest } from "./digest.ts";

export function desiredLambda(
  release: LambdaRelease,
  context: {
    readonly environment: Environment;
    readonly fn: LambdaFunction;
    readonly commit: string | null;
  },
): DesiredLambda {
  const { environment: env, fn, commit } = context;
  const config = {
    runtime: fn.spec.runtime,
    handler: fn.spec.handler,
    memorySize: fn.spec.memorySize,
    timeout: fn.spec.timeout,
    roleArn: roleArn(env, fn.spec.role),
    environment: { ...fn.spec.environment },
    description: fn.spec.description ?? "",
  };
  const revision = hexOf(release.spec.revision);
  const traffic: DesiredLambda["traffic"] = release.spec.traffic
    ? {
      kind: "explicit",
      split: release.spec.traffic.map((t) => ({ revision: hexOf(t.revision), weight: t.weight })),
    }
    : { kind: "steps", steps: canarySteps(release).map(stepOf) };
  const { description: _ignored, ...versioned } = config;
  const specDigest = digest({
    config: versioned,
    split: traffic.kind === "explicit" ? traffic.split : null,
  });
  return {
    kind: "LambdaRelease",
    environment: env.metadata.name,
    name: release.metadata.name,
    driftPolicy: env.spec.driftPolicy,
    commit,
    specDigest,
    functionName: fn.metadata.name,
    alias: release.spec.alias,
    revision,
    config,
    artifact: { package: fn.spec.artifact.package, bucket: fn.spec.artifact.bucket ?? null },
    traffic,
  };
}

function stepOf(step: ReturnType<typeof canarySteps>[number]): Step {
  if ("setWeight" in step) return { kind: "setWeight", weight: step.setWeight };
  if ("pause" in step) return { kind: "pause", durationMs: step.pause.duration ?? null };
  return { kind: "analysis", templates: [...step.analysis.templates] };
}
