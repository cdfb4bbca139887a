/**
 * `deno task schemas`: writes `schemas/<kind>.schema.json` from the zod definitions, so
 * editors (yaml-language-server modelines in the manifests) validate as people type.
 */
import { join } from "node:path";
import { renderSchemas } from "./json_schema.ts";

/** Writes every kind's schema under `directory`; returns the files written. */
export async function writeSchemas(directory: string): Promise<string[]> {
  await Deno.mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of renderSchemas()) {
    const file = join(directory, name);
    await Deno.writeTextFile(file, text);
    written.push(file);
  }
  return written;
}

if (import.meta.main) {
  for (const file of await writeSchemas(Deno.args[0] ?? "schemas")) console.log(`wrote ${file}`);
}
