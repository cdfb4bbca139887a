import { AwsError } from "../aws_error.ts";
import type { RequestContext } from "../context.ts";
import { Fields } from "../fields.ts";
import type { JsonTarget, JsonTargetDeps } from "../json_targets.ts";
import { clusterView, createCluster, describeClusters } from "./clusters.ts";
import { serverException, throttling } from "./errors.ts";
import { type EcsState, emptyEcsState } from "./model.ts";
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

type Operation = (state: EcsState, ctx: RequestContext, input: Fields) => unknown;

/**
 * Local ECS over JSON 1.1 (`X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>`).
 * Reads run on a snapshot without locking; writes run under the store's lock.
 */
export function createEcsTarget(deps: JsonTargetDeps): JsonTarget {
  const { timing } = deps;
  const reads: Record<string, Operation> = {
    DescribeClusters: (state, ctx, input) =>
      describeClusters(state, ctx, {
        refs: input.stringArray("clusters") ?? [],
        includeTags: (input.stringArray("include") ?? []).includes("TAGS"),
        timing,
      }),
    DescribeTaskDefinition: describeTaskDefinition,
    ListTaskDefinitions: listTaskDefinitions,
    DescribeServices: (state, ctx, input) => describeServices(state, ctx, { input, timing }),
    ListServices: listServices,
    ListServiceDeployments: (state, ctx, input) =>
      listServiceDeployments(state, ctx, { input, timing }),
    DescribeServiceDeployments: (state, ctx, input) =>
      describeServiceDeployments(state, ctx, { input, timing }),
    ListTasks: (state, ctx, input) => listTasks(state, ctx, { input, timing }),
    DescribeTasks: (state, ctx, input) => describeTasks(state, ctx, { input, timing }),
    ListTagsForResource: (state, ctx, input) => ({
      tags: taggedResource(state, ctx, { arn: input.requiredString("resourceArn") }).tags,
    }),
  };
  const writes: Record<string, Operation> = {
    CreateCluster: (state, ctx, input) => ({
      cluster: clusterView(ctx, createCluster(state, ctx, input), { includeTags: true, timing }),
    }),
    RegisterTaskDefinition: (state, ctx, input) => {
      const record = registerTaskDefinition(state, ctx, input);
      return { taskDefinition: taskDefinitionView(ctx, record), tags: record.tags };
    },
    DeregisterTaskDefinition: deregisterTaskDefinition,
    CreateService: (state, ctx, input) => createService(state, ctx, { input, timing }),
    UpdateService: (state, ctx, input) => updateService(state, ctx, { input, timing }),
    StopServiceDeployment: (state, ctx, input) =>
      stopServiceDeployment(state, ctx, { input, timing }),
    TagResource: (state, ctx, input) => {
      const resource = taggedResource(state, ctx, { arn: input.requiredString("resourceArn") });
      const tags = readTags(input);
      if (!tags || tags.length === 0) throw input.missing("tags");
      resource.set(mergeTags(resource.tags, tags));
      return {};
    },
    UntagResource: (state, ctx, input) => {
      const resource = taggedResource(state, ctx, { arn: input.requiredString("resourceArn") });
      const keys = input.stringArray("tagKeys");
      if (!keys || keys.length === 0) throw input.missing("tagKeys");
      resource.set(resource.tags.filter((t) => !keys.includes(t.key)));
      return {};
    },
  };

  return {
    service: "ecs",
    errorNamespace: "com.amazonaws.ecs",
    contentType: "application/x-amz-json-1.1",
    throttleError: throttling,
    serverError: serverException,
    async handle(operation, body, ctx) {
      const input = Fields.of(body, "InvalidParameterException");
      const read = Object.hasOwn(reads, operation) ? reads[operation] : undefined;
      if (read) return read(await deps.store.read(ctx.accountId, "ecs", emptyEcsState), ctx, input);
      const write = Object.hasOwn(writes, operation) ? writes[operation] : undefined;
      if (write) {
        return deps.store.update(
          ctx.accountId,
          "ecs",
          emptyEcsState,
          (state) => write(state, ctx, input),
        );
      }
      throw new AwsError(
        "UnknownOperationException",
        `Operation ${operation} is not supported by local AWS ECS.`,
      );
    },
  };
}
