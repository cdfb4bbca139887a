import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { paginate } from "../pagination.ts";
import { taskDefinitionArn } from "./arns.ts";
import { clientException, invalidParameter } from "./errors.ts";
import { describeableTaskDefinition, lookupTaskDefinition } from "./lookup.ts";
import type { EcsState, TaskDefinitionRecord } from "./model.ts";
import { readTags } from "./tags.ts";

/** RegisterTaskDefinition: the next revision of the family (revisions are never reused). */
export function registerTaskDefinition(
  state: EcsState,
  ctx: RequestContext,
  input: Fields,
): TaskDefinitionRecord {
  const family = input.requiredString("family");
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(family)) {
    throw clientException(
      "Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.",
    );
  }
  const containers = input.array("containerDefinitions");
  if (!containers || containers.length === 0) {
    throw clientException("Container list cannot be empty.");
  }
  for (const container of containers) {
    const { name, image } = (container ?? {}) as { name?: unknown; image?: unknown };
    if (typeof name !== "string" || name === "") {
      throw clientException("Container.name should not be null or empty.");
    }
    if (typeof image !== "string" || image === "") {
      throw clientException("Container.image should not be null or empty.");
    }
  }
  const { family: _f, tags: _t, ...definition } = input.input;
  const revisions = state.taskDefinitions[family] ??= [];
  const record: TaskDefinitionRecord = {
    family,
    revision: (revisions.at(-1)?.revision ?? 0) + 1,
    status: "ACTIVE",
    registeredAt: ctx.now,
    definition,
    tags: readTags(input) ?? [],
  };
  revisions.push(record);
  return record;
}

/** The TaskDefinition shape. */
export function taskDefinitionView(
  ctx: RequestContext,
  record: TaskDefinitionRecord,
): Record<string, unknown> {
  const requires = (record.definition.requiresCompatibilities as string[] | undefined) ?? [];
  return {
    ...record.definition,
    taskDefinitionArn: taskDefinitionArn(ctx, record.family, record.revision),
    family: record.family,
    revision: record.revision,
    status: record.status,
    requiresCompatibilities: requires,
    compatibilities: ["EC2", ...(requires.includes("FARGATE") ? ["FARGATE"] : [])],
    registeredAt: record.registeredAt / 1000,
    ...(record.deregisteredAt === undefined
      ? {}
      : { deregisteredAt: record.deregisteredAt / 1000 }),
    registeredBy: `arn:aws:iam::${ctx.accountId}:root`,
  };
}

export function describeTaskDefinition(
  state: EcsState,
  ctx: RequestContext,
  input: Fields,
): Record<string, unknown> {
  const record = describeableTaskDefinition(state, input.requiredString("taskDefinition"));
  const includeTags = (input.stringArray("include") ?? []).includes("TAGS");
  return {
    taskDefinition: taskDefinitionView(ctx, record),
    ...(includeTags ? { tags: record.tags } : {}),
  };
}

/** ListTaskDefinitions: ARNs filtered by family prefix and status, sorted, paginated. */
export function listTaskDefinitions(
  state: EcsState,
  ctx: RequestContext,
  input: Fields,
): Record<string, unknown> {
  const prefix = input.string("familyPrefix");
  const status = input.string("status") ?? "ACTIVE";
  if (!["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"].includes(status)) {
    throw invalidParameter(
      `Invalid status ${status}: expected ACTIVE, INACTIVE or DELETE_IN_PROGRESS.`,
    );
  }
  const sort = input.string("sort") ?? "ASC";
  const all = Object.values(state.taskDefinitions).flat()
    .filter((r) => r.status === status && (prefix === undefined || r.family === prefix))
    .sort((a, b) => a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1);
  if (sort === "DESC") all.reverse();
  const { items, nextToken } = paginate(all, {
    token: input.string("nextToken"),
    limit: input.integer("maxResults", { min: 1, max: 100 }) ?? 100,
    invalidTokenCode: "InvalidParameterException",
  });
  return {
    taskDefinitionArns: items.map((r) => taskDefinitionArn(ctx, r.family, r.revision)),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
}

/** DeregisterTaskDefinition: marks `family:revision` (or ARN) INACTIVE. */
export function deregisterTaskDefinition(
  state: EcsState,
  ctx: RequestContext,
  input: Fields,
): Record<string, unknown> {
  const ref = input.requiredString("taskDefinition");
  if (!ref.includes(":")) {
    throw clientException(
      "A task definition revision is required: family:revision or its full ARN.",
    );
  }
  const record = lookupTaskDefinition(state, ref);
  if (!record) throw clientException("The specified task definition does not exist.");
  if (record.status === "ACTIVE") {
    record.status = "INACTIVE";
    record.deregisteredAt = ctx.now;
  }
  return { taskDefinition: taskDefinitionView(ctx, record) };
}
