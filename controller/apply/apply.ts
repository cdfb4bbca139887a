/**
 * Executes planned actions in order and stops at the first failure. Decides nothing: it only
 * resolves references to versions and task definitions that earlier actions created, and
 * returns what AWS confirmed.
 */
import type { FunctionCode, LambdaPort, Routing } from "../aws/lambda_port.ts";
import type { EcsPort } from "../aws/ecs_port.ts";
import { classifyAwsError } from "../aws/errors.ts";
import type { ArtifactStore } from "../artifact/artifact_store.ts";
import type { Action, TaskDefinitionRef, VersionRef } from "../plan/actions.ts";
import { encodeAliasState, routingOf } from "../plan/alias_state.ts";
import { TAG_TASK_DEFINITION } from "../plan/tags.ts";

export interface ApplyPorts {
  readonly lambda: LambdaPort;
  readonly ecs: EcsPort;
  readonly artifacts: ArtifactStore;
}

/** What an action turned into on AWS. */
export interface Done {
  readonly action: Action;
  /** Version published, for `publishVersion`. */
  readonly version?: string;
  /** Routing written, for alias actions. */
  readonly routing?: Routing;
  /** Task definition registered or pointed at. */
  readonly taskDefinitionArn?: string;
}

export interface ApplyResult {
  readonly done: readonly Done[];
  /** The failure that stopped the list, with the action it stopped at. */
  readonly failure: { readonly action: Action; readonly error: Error } | null;
}

export async function apply(ports: ApplyPorts, actions: readonly Action[]): Promise<ApplyResult> {
  const done: Done[] = [];
  const published = new Map<string, string>();
  let registered: string | null = null;

  const version = (ref: VersionRef): string => {
    if ("version" in ref) return ref.version;
    const v = published.get(ref.publishedFor);
    if (v === undefined) throw new Error(`no version was published for sha256:${ref.publishedFor}`);
    return v;
  };
  const taskDefinition = (ref: TaskDefinitionRef): string => {
    if ("arn" in ref) return ref.arn;
    if (registered === null) throw new Error("no task definition was registered");
    return registered;
  };
  const code = (a: { artifact: Parameters<ArtifactStore["code"]>[0] }): Promise<FunctionCode> =>
    ports.artifacts.code(a.artifact);

  for (const action of actions) {
    try {
      done.push(await run(action));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { done, failure: { action, error: e } };
    }
  }
  return { done, failure: null };

  async function run(a: Action): Promise<Done> {
    switch (a.kind) {
      case "createFunction":
        await ports.lambda.createFunction(a.functionName, {
          config: a.config,
          code: await code(a),
          tags: a.tags,
        });
        return { action: a };
      case "updateFunctionCode":
        await ports.lambda.updateFunctionCode(a.functionName, await code(a));
        return { action: a };
      case "updateFunctionConfiguration":
        await ports.lambda.updateFunctionConfiguration(a.functionName, a.config);
        return { action: a };
      case "publishVersion": {
        const v = await ports.lambda.publishVersion(a.functionName, {
          codeSha256: a.revision,
          description: a.description,
        });
        published.set(a.revision, v.version);
        return { action: a, version: v.version };
      }
      case "createAlias":
      case "updateAlias": {
        const targetVersion = version(a.target);
        const stableVersion = a.stable ? version(a.stable) : null;
        const state = { ...a.state, targetVersion, stableVersion };
        const routing = routingOf(state);
        const write = { routing, description: encodeAliasState(state) };
        if (a.kind === "createAlias") {
          await ports.lambda.createAlias(a.functionName, a.alias, write);
        } else {
          await ports.lambda.updateAlias(a.functionName, a.alias, {
            ...write,
            revisionId: a.revisionId ?? "",
          });
        }
        return { action: a, routing };
      }
      case "tagFunction": {
        const fn = a.arn ?? (await ports.lambda.getFunction(a.functionName))?.arn;
        if (!fn) {
          throw classifyAwsError("TagResource", {
            name: "ResourceNotFoundException",
            message: a.functionName,
          });
        }
        await ports.lambda.tagFunction(fn, a.tags);
        return { action: a };
      }
      case "createCluster":
        await ports.ecs.createCluster(a.cluster, {});
        return { action: a };
      case "registerTaskDefinition": {
        const td = await ports.ecs.registerTaskDefinition(a.spec);
        registered = td.arn;
        return { action: a, taskDefinitionArn: td.arn };
      }
      case "createService": {
        const arn = taskDefinition(a.taskDefinition);
        await ports.ecs.createService(a.cluster, {
          service: a.service,
          taskDefinitionArn: arn,
          desiredCount: a.desiredCount,
          deploymentSettings: a.deploymentSettings,
          launchType: a.launchType,
          loadBalancers: a.loadBalancers,
          network: a.network,
          tags: { ...a.tags, [TAG_TASK_DEFINITION]: arn },
        });
        return { action: a, taskDefinitionArn: arn };
      }
      case "updateService": {
        const arn = taskDefinition(a.taskDefinition);
        await ports.ecs.updateService(a.cluster, {
          service: a.service,
          taskDefinitionArn: arn,
          desiredCount: a.desiredCount,
          deploymentSettings: a.deploymentSettings,
          network: a.network,
        });
        return { action: a, taskDefinitionArn: arn };
      }
      case "rollbackDeployment":
        await ports.ecs.rollbackServiceDeployment(a.serviceDeploymentArn);
        return { action: a };
      case "tagService": {
        const tags = a.taskDefinition
          ? { ...a.tags, [TAG_TASK_DEFINITION]: taskDefinition(a.taskDefinition) }
          : a.tags;
        await ports.ecs.tagResource(a.arn, tags);
        return {
          action: a,
          ...(a.taskDefinition ? { taskDefinitionArn: taskDefinition(a.taskDefinition) } : {}),
        };
      }
    }
  }
}
