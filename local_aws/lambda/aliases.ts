import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { paginate } from "../pagination.ts";
import { conflict, functionNotFound, invalidParameter } from "./errors.ts";
import { checkRevision, findAlias, versionByName } from "./lookup.ts";
import type { AliasRecord, FunctionRecord } from "./model.ts";
import { functionArn, isVersionNumber } from "./names.ts";
import { parseMaxItems } from "./versions.ts";

/**
 * Checks an alias's routing as Lambda does: the primary version exists; at most one
 * additional version; it is a published version (never `$LATEST`), exists, differs from
 * the primary, and its weight is within [0.0, 1.0]. Returns the weights to store
 * (undefined for "no routing"). Pure: reads `fn`, changes nothing.
 */
export function validateRouting(
  ctx: RequestContext,
  fn: FunctionRecord,
  routing: { primary: string; weights: Record<string, unknown> | undefined },
): Record<string, number> | undefined {
  const { primary, weights } = routing;
  if (!versionByName(fn, primary)) throw functionNotFound(functionArn(ctx, fn.name, primary));
  const entries = Object.entries(weights ?? {});
  if (entries.length === 0) return undefined;
  if (entries.length > 1) {
    throw invalidParameter(
      `Number of items in AdditionalVersionWeights cannot be greater than 1, found ${entries.length}.`,
    );
  }
  const [[version, weight]] = entries as [[string, unknown]];
  if (primary === "$LATEST" || version === "$LATEST" || !isVersionNumber(version)) {
    throw invalidParameter(
      "$LATEST is not supported for an alias pointing to more than 1 version; use published versions.",
    );
  }
  if (!versionByName(fn, version)) throw functionNotFound(functionArn(ctx, fn.name, version));
  if (version === primary) {
    throw invalidParameter(
      `Alias's FunctionVersion and AdditionalVersionWeights must not name the same version (${version}).`,
    );
  }
  if (typeof weight !== "number" || !(weight >= 0 && weight <= 1)) {
    throw invalidParameter(
      `Invalid weight ${
        JSON.stringify(weight)
      } for version ${version}: weights must be between 0.0 and 1.0.`,
    );
  }
  return { [version]: weight };
}

/** CreateAlias: a new alias; ResourceConflictException if the name is taken. */
export function createAlias(ctx: RequestContext, fn: FunctionRecord, input: Fields): AliasRecord {
  const name = input.requiredString("Name");
  if (!/^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/.test(name)) {
    throw invalidParameter(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`,
    );
  }
  if (Object.hasOwn(fn.aliases, name)) {
    throw conflict(`Alias already exists: ${functionArn(ctx, fn.name, name)}`);
  }
  const primary = input.requiredString("FunctionVersion");
  const weights = validateRouting(ctx, fn, { primary, weights: routingWeights(input) });
  const alias: AliasRecord = {
    name,
    functionVersion: primary,
    description: input.string("Description") ?? "",
    ...(weights ? { weights } : {}),
    revisionId: crypto.randomUUID(),
  };
  fn.aliases[name] = alias;
  return alias;
}

/**
 * UpdateAlias: RevisionId-guarded; members not given keep their values (RoutingConfig with
 * empty AdditionalVersionWeights removes the routing).
 */
export function updateAlias(
  ctx: RequestContext,
  fn: FunctionRecord,
  options: { name: string; input: Fields },
): AliasRecord {
  const { input } = options;
  const current = findAlias(ctx, fn, { name: options.name });
  checkRevision(input.string("RevisionId"), { current: current.revisionId, resource: "Alias" });
  const primary = input.string("FunctionVersion") ?? current.functionVersion;
  const given = input.has("RoutingConfig") ? routingWeights(input) : current.weights;
  const weights = validateRouting(ctx, fn, { primary, weights: given });
  const alias: AliasRecord = {
    name: current.name,
    functionVersion: primary,
    description: input.string("Description") ?? current.description,
    ...(weights ? { weights } : {}),
    revisionId: crypto.randomUUID(),
  };
  fn.aliases[alias.name] = alias;
  return alias;
}

/** ListAliases: sorted by name, optionally only those routing to `FunctionVersion`. */
export function listAliases(
  fn: FunctionRecord,
  query: { functionVersion?: string | null; marker?: string | null; maxItems?: string | null },
): { aliases: AliasRecord[]; nextMarker?: string } {
  const all = Object.values(fn.aliases)
    .filter((a) =>
      !query.functionVersion || a.functionVersion === query.functionVersion ||
      Object.hasOwn(a.weights ?? {}, query.functionVersion)
    )
    .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const { items, nextToken } = paginate(all, {
    token: query.marker ?? undefined,
    limit: parseMaxItems(query.maxItems),
    invalidTokenCode: "InvalidParameterValueException",
  });
  return nextToken === undefined ? { aliases: items } : { aliases: items, nextMarker: nextToken };
}

/** DeleteAlias: removes the alias; 404 if there is none. */
export function deleteAlias(
  ctx: RequestContext,
  fn: FunctionRecord,
  requested: { name: string },
): void {
  findAlias(ctx, fn, requested);
  delete fn.aliases[requested.name];
}

function routingWeights(input: Fields): Record<string, unknown> | undefined {
  return input.object("RoutingConfig")?.object("AdditionalVersionWeights")?.input;
}
