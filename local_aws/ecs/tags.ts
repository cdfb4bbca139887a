import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { parseEcsArn } from "./arns.ts";
import { invalidParameter, resourceNotFound } from "./errors.ts";
import type { EcsState, Tag } from "./model.ts";

/** The `tags` member (`[{key, value}]`) of a request, validated. */
export function readTags(input: Fields): Tag[] | undefined {
  const list = input.array("tags");
  if (list === undefined) return undefined;
  return list.map((tag) => {
    const { key, value } = (tag ?? {}) as { key?: unknown; value?: unknown };
    if (
      typeof key !== "string" || key === "" || (value !== undefined && typeof value !== "string")
    ) {
      throw invalidParameter(
        `Invalid tag ${JSON.stringify(tag)}: expected {key: string, value: string}.`,
      );
    }
    return { key, value: value ?? "" };
  });
}

/** Sets tags on a list: new keys are added, existing keys get the new value. */
export function mergeTags(current: Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(current.map((t) => [t.key, t.value]));
  for (const tag of added) byKey.set(tag.key, tag.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** The tag list of a cluster, service or task definition, by ARN; throws when unknown. */
export function taggedResource(
  state: EcsState,
  ctx: RequestContext,
  { arn }: { arn: string },
): { tags: Tag[]; set(tags: Tag[]): void } {
  const parsed = parseEcsArn(arn);
  if (!parsed) throw invalidParameter(`Invalid resource ARN: ${arn}`);
  const notFound = () => resourceNotFound(`The specified resource was not found: ${arn}`);
  if (parsed.accountId !== ctx.accountId || parsed.region !== ctx.region) throw notFound();
  const [first = "", second = ""] = parsed.path;
  let holder: { tags: Tag[] } | undefined;
  if (parsed.type === "cluster") {
    holder = Object.hasOwn(state.clusters, first) ? state.clusters[first] : undefined;
  } else if (parsed.type === "service") {
    const cluster = Object.hasOwn(state.clusters, first) ? state.clusters[first] : undefined;
    holder = cluster && Object.hasOwn(cluster.services, second)
      ? cluster.services[second]
      : undefined;
  } else if (parsed.type === "task-definition") {
    const [family = "", revision = ""] = first.split(":");
    holder = (Object.hasOwn(state.taskDefinitions, family) ? state.taskDefinitions[family] : [])
      ?.find((r) => String(r.revision) === revision);
  } else {
    throw invalidParameter(
      `Tagging is not supported for resource type ${parsed.type} in local AWS.`,
    );
  }
  if (!holder) throw notFound();
  const target = holder;
  return { tags: target.tags, set: (tags) => (target.tags = tags) };
}
