/** A LambdaRelease and its LambdaFunction as the Lambda planner's desired state. */
import type { Environment, LambdaFunction, LambdaRelease } from "../manifest/mod.ts";
import type { AnalysisTemplate } from "../analysis/template.ts";
import type { DesiredLambda } from "../plan/desired.ts";
import { lambdaStrategy } from "../rollout/steps.ts";
import { hexOf, roleArn } from "./arns.ts";
import { digest } from "./digest.ts";

export function desiredLambda(
  release: LambdaRelease,
  context: {
    readonly environment: Environment;
    readonly fn: LambdaFunction;
    readonly commit: string | null;
    readonly templates: ReadonlyMap<string, AnalysisTemplate>;
  },
): DesiredLambda {
  const { environment: env, fn, commit, templates } = context;
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
    : { kind: "progressive", strategy: lambdaStrategy(release) };
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
    templates,
  };
}
