/** JSON Schemas generated from the zod definitions: published for editors, walked for hints. */
import { z } from "zod";
import { KIND_NAMES, type KindName, KINDS } from "./kinds.ts";

export type JsonSchema = { readonly [key: string]: unknown };

const cache = new Map<KindName, JsonSchema>();

/** The JSON Schema (draft 2020-12) of a kind's YAML input. */
export function jsonSchemaOf(kind: KindName): JsonSchema {
  let schema = cache.get(kind);
  if (schema === undefined) {
    schema = {
      $id: `https://deploy.mlnews.dev/schemas/${schemaFileName(kind)}`,
      ...z.toJSONSchema(KINDS[kind].schema, { io: "input", target: "draft-2020-12" }),
    };
    cache.set(kind, schema);
  }
  return schema;
}

/** `schemas/<kind lowercased>.schema.json`'s file name. */
export function schemaFileName(kind: KindName): string {
  return `${kind.toLowerCase()}.schema.json`;
}

/** Every kind's schema file name and text, as committed under `schemas/`. */
export function renderSchemas(): ReadonlyMap<string, string> {
  return new Map(
    KIND_NAMES.map((
      kind,
    ) => [schemaFileName(kind), `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n`]),
  );
}

/** Field names the schema allows in the mapping at `path` (for "did you mean"). */
export function fieldNamesAt(schema: JsonSchema, path: readonly PropertyKey[]): string[] {
  let nodes: JsonSchema[] = [schema];
  for (const segment of path) {
    nodes = expand(nodes).flatMap((node) => {
      const properties = node["properties"] as Record<string, JsonSchema> | undefined;
      if (typeof segment === "string" && properties?.[segment] !== undefined) {
        return [properties[segment]];
      }
      if (typeof segment === "number" && isSchema(node["items"])) return [node["items"]];
      if (isSchema(node["additionalProperties"])) return [node["additionalProperties"]];
      return [];
    });
  }
  return [...new Set(expand(nodes).flatMap((n) => Object.keys(n["properties"] ?? {})))];
}

function expand(nodes: JsonSchema[]): JsonSchema[] {
  return nodes.flatMap((node) => {
    const alternatives = [node["anyOf"], node["oneOf"], node["allOf"]].flatMap((list) =>
      Array.isArray(list) ? list.filter(isSchema) : []
    );
    return [node, ...expand(alternatives)];
  });
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
