import { AwsError } from "../aws_error.ts";
import type { RequestContext } from "../context.ts";
import { Fields } from "../fields.ts";
import type { JsonTarget, JsonTargetDeps } from "../json_targets.ts";
import { nameFromArnOrName, parseEcsArn } from "./arns.ts";
import { clusterView, createCluster, describeClusters } from "./clusters.ts";
import { type EcsScope, EcsStore } from "./ecs_store.ts";
import { serverException, throttling } from "./errors.ts";
import type { EcsState } from "./model.ts";
import {
  describeServiceDeployments,
  listServiceDeployments,
  stopServiceDeployment,
} from "./service_deployments.ts";
import { createService, describeServices, listServices, updateService } from "./services.ts";
import { mergeTags, readTags, taggedResource } from "./tags.ts";
import {
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitions,
  registerTaskDefinition,
  taskDefinitionView,
} from "./task_definitions.ts";
import { describeTasks, listTasks } from "./tasks.ts";

/** One ECS operation: the state it needs, whether it writes, and what it does. */
interface Operation {
  readonly writes: boolean;
  scope(input: Fields): EcsScope;
  run(state: EcsState, ctx: RequestContext, input: Fields): unknown;
}

/** The cluster a `cluster` member names (default `default`). */
const clusterScope = (input: Fields): EcsScope => ({
  clusters: [nameFromArnOrName(input.string("cluster") ?? "default")],
  families: [],
});

/** The family of a task definition reference: `family`, `family:revision` or its ARN. */
function familyOf(ref: string | undefined): string[] {
  if (ref === undefined) return [];
  const short = ref.startsWith("arn:") ? ref.slice(ref.indexOf("task-definition/") + 16) : ref;
  return [short.split(":")[0] ?? ""];
}

/** The shard an ECS resource ARN lives in (for the tag operations). */
function arnScope(input: Fields): EcsScope {
  const parsed = parseEcsArn(input.string("resourceArn") ?? "");
  const [first = ""] = parsed?.path ?? [];
  if (parsed?.type === "task-definition") return { clusters: [], families: familyOf(first) };
  return { clusters: parsed ? [first] : [], families: [] };
}

/** The clusters named by service deployment ARNs. */
function deploymentScope(arns: readonly string[]): EcsScope {
  return {
    clusters: arns.map((arn) => parseEcsArn(arn)?.path[0] ?? ""),
    families: [],
  };
}

/**
 * Local ECS over JSON 1.1 (`X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>`).
 * Reads run on a snapshot without locking; writes run under the account's ECS lock.
 */
export function createEcsTarget(deps: JsonTargetDeps): JsonTarget {
  const { timing } = deps;
  const ecs = new EcsStore(deps.store);
  const read = (scope: Operation["scope"], run: Operation["run"]): Operation => ({
    writes: false,
    scope,
    run,
  });
  const write = (scope: Operation["scope"], run: Operation["run"]): Operation => ({
    writes: true,
    scope,
    run,
  });
  const operations: Record<string, Operation> = {
    CreateCluster: write(
      (input) => ({ clusters: [input.string("clusterName") ?? "default"], families: [] }),
      (state, ctx, input) => ({
        cluster: clusterView(ctx, createCluster(state, ctx, input), { includeTags: true, timing }),
      }),
    ),
    DescribeClusters: read(
      (input) => ({
        clusters: (input.stringArray("clusters") ?? ["default"]).map(nameFromArnOrName),
        families: [],
      }),
      (state, ctx, input) =>
        describeClusters(state, ctx, {
          refs: input.stringArray("clusters") ?? [],
          includeTags: (input.stringArray("include") ?? []).includes("TAGS"),
          timing,
        }),
    ),
    RegisterTaskDefinition: write(
      (input) => ({ clusters: [], families: familyOf(input.string("family")) }),
      (state, ctx, input) => {
        const record = registerTaskDefinition(state, ctx, input);
        return { taskDefinition: taskDefinitionView(ctx, record), tags: record.tags };
      },
    ),
    DescribeTaskDefinition: read(
      (input) => ({ clusters: [], families: familyOf(input.string("taskDefinition")) }),
      describeTaskDefinition,
    ),
    ListTaskDefinitions: read(
      (input) => ({
        clusters: [],
        families: input.has("familyPrefix") ? familyOf(input.string("familyPrefix")) : "all",
      }),
      listTaskDefinitions,
    ),
    DeregisterTaskDefinition: write(
      (input) => ({ clusters: [], families: familyOf(input.string("taskDefinition")) }),
      deregisterTaskDefinition,
    ),
    CreateService: write(
      (input) => ({
        clusters: clusterScope(input).clusters,
        families: familyOf(input.string("taskDefinition")),
      }),
      (state, ctx, input) => createService(state, ctx, { input, timing }),
    ),
    UpdateService: write(
      (input) => ({
        clusters: clusterScope(input).clusters,
        families: familyOf(input.string("taskDefinition")),
      }),
      (state, ctx, input) => updateService(state, ctx, { input, timing }),
    ),
    DescribeServices: read(
      clusterScope,
      (state, ctx, input) => describeServices(state, ctx, { input, timing }),
    ),
    ListServices: read(clusterScope, listServices),
    ListServiceDeployments: read(
      clusterScope,
      (state, ctx, input) => listServiceDeployments(state, ctx, { input, timing }),
    ),
    DescribeServiceDeployments: read(
      (input) => deploymentScope(input.stringArray("serviceDeploymentArns") ?? []),
      (state, ctx, input) => describeServiceDeployments(state, ctx, { input, timing }),
    ),
    StopServiceDeployment: write(
      (input) => deploymentScope([input.string("serviceDeploymentArn") ?? ""]),
      (state, ctx, input) => stopServiceDeployment(state, ctx, { input, timing }),
    ),
    ListTasks: read(clusterScope, (state, ctx, input) => listTasks(state, ctx, { input, timing })),
    DescribeTasks: read(
      clusterScope,
      (state, ctx, input) => describeTasks(state, ctx, { input, timing }),
    ),
    TagResource: write(arnScope, (state, ctx, input) => {
      const resource = taggedResource(state, ctx, { arn: input.requiredString("resourceArn") });
      const tags = readTags(input);
      if (!tags || tags.length === 0) throw input.missing("tags");
      resource.set(mergeTags(resource.tags, tags));
      return {};
    }),
    UntagResource: write(arnScope, (state, ctx, input) => {
      const resource = taggedResource(state, ctx, { arn: input.requiredString("resourceArn") });
      const keys = input.stringArray("tagKeys");
      if (!keys || keys.length === 0) throw input.missing("tagKeys");
      resource.set(resource.tags.filter((t) => !keys.includes(t.key)));
      return {};
    }),
    ListTagsForResource: read(arnScope, (state, ctx, input) => ({
      tags: taggedResource(state, ctx, { arn: input.requiredString("resourceArn") }).tags,
    })),
  };

  return {
    service: "ecs",
    errorNamespace: "com.amazonaws.ecs",
    contentType: "application/x-amz-json-1.1",
    throttleError: throttling,
    serverError: serverException,
    async handle(name, body, ctx) {
      const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
      if (!operation) {
        throw new AwsError(
          "UnknownOperationException",
          `Operation ${name} is not supported by local AWS ECS.`,
        );
      }
      const input = Fields.of(body, "InvalidParameterException");
      const scope = operation.scope(input);
      if (!operation.writes) return operation.run(await ecs.read(ctx.accountId, scope), ctx, input);
      return ecs.update(
        { accountId: ctx.accountId, scope },
        (state) => operation.run(state, ctx, input),
      );
    },
  };
}
