import type { RequestContext } from "../context.ts";
import type { Fields } from "../fields.ts";
import { paginate } from "../pagination.ts";
import { invalidParameter } from "./errors.ts";
import { checkRevision } from "./lookup.ts";
import { type FunctionRecord, lambdaTimestamp, type VersionRecord } from "./model.ts";

/**
 * PublishVersion: snapshots `$LATEST` as the next version number — unless neither code nor
 * configuration changed since the last published version, in which case that version is
 * returned (as Lambda does). `CodeSha256`, when given, must equal `$LATEST`'s; `RevisionId`,
 * when given, must be `$LATEST`'s current one.
 */
export function publishVersion(
  ctx: RequestContext,
  fn: FunctionRecord,
  input: Fields,
): VersionRecord {
  checkRevision(input.string("RevisionId"), {
    current: fn.latest.revisionId,
    resource: "Function",
  });
  const sha = input.string("CodeSha256");
  if (sha !== undefined && sha !== fn.latest.code.CodeSha256) {
    throw invalidParameter(
      `CodeSHA256 (${sha}) is different from current CodeSHA256 in $LATEST (${fn.latest.code.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  const last = fn.published.at(-1);
  if (last && sameContent(last, fn.latest)) return last;
  const description = input.string("Description");
  const version: VersionRecord = {
    version: String(fn.nextVersion),
    settings: description === undefined
      ? fn.latest.settings
      : { ...fn.latest.settings, Description: description },
    code: fn.latest.code,
    lastModified: lambdaTimestamp(ctx.now),
    revisionId: crypto.randomUUID(),
  };
  fn.nextVersion += 1;
  fn.published.push(version);
  return version;
}

/**
 * ListVersionsByFunction: `$LATEST` then versions in ascending order, paged by Marker/MaxItems;
 * at most 50 per page even when MaxItems is higher, as Lambda documents.
 */
export function listVersions(
  fn: FunctionRecord,
  page: { marker?: string | null; maxItems?: string | null },
): { versions: VersionRecord[]; nextMarker?: string } {
  const limit = Math.min(50, parseMaxItems(page.maxItems));
  const { items, nextToken } = paginate([fn.latest, ...fn.published], {
    token: page.marker ?? undefined,
    limit,
    invalidTokenCode: "InvalidParameterValueException",
  });
  return nextToken === undefined ? { versions: items } : { versions: items, nextMarker: nextToken };
}

/** MaxItems of Lambda's list operations: 1–10000, default 50. */
export function parseMaxItems(raw: string | null | undefined): number {
  if (raw === null || raw === undefined || raw === "") return 50;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 10000) {
    throw invalidParameter(
      `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`,
    );
  }
  return value;
}

function sameContent(a: VersionRecord, b: VersionRecord): boolean {
  const { Description: _a, ...settingsA } = a.settings;
  const { Description: _b, ...settingsB } = b.settings;
  return a.code.CodeSha256 === b.code.CodeSha256 &&
    stableJson(settingsA) === stableJson(settingsB);
}

function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0))
        : v,
  );
}
