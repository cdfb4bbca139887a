/**
 * What the controller can ask AWS to do, read from its source: every `…Command` the adapter
 * files under `controller/aws/` import from an `@aws-sdk/client-*` package. Those files are
 * the only ones allowed to import the SDK, so this is the complete list.
 */
import { join, relative } from "node:path";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;

/** One SDK command an adapter file imports, e.g. `{client: "lambda", command: "UpdateAlias"}`. */
export interface SdkCall {
  /** The package name after `@aws-sdk/client-`. */
  readonly client: string;
  /** The command without its `Command` suffix; the API operation name. */
  readonly command: string;
  readonly file: string;
}

/** An `@aws-sdk/*` import this scanner cannot read precisely (namespace or dynamic). */
export interface OpaqueImport {
  readonly file: string;
  readonly text: string;
}

const NAMED_IMPORT =
  /import\s*(type\s+)?\{([^}]*)\}\s*from\s*["']@aws-sdk\/client-([a-z0-9-]+)["']/g;
const ANY_SDK_IMPORT = /(?:import|export)[^;]*?["']@aws-sdk\/[^"']+["']|import\(\s*["']@aws-sdk\//g;

/** TypeScript source files under `dir` (tests excluded), relative to the repository root. */
export async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(join(REPO_ROOT, dir))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...await sourceFiles(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) files.push(path);
  }
  return files.sort();
}

/** The SDK commands imported by value (not `type`) in the given files. */
export async function sdkCalls(files: readonly string[]): Promise<SdkCall[]> {
  const calls: SdkCall[] = [];
  for (const file of files) {
    const text = await Deno.readTextFile(join(REPO_ROOT, file));
    for (const match of text.matchAll(NAMED_IMPORT)) {
      if (match[1] !== undefined) continue; // import type { … }
      for (const raw of match[2]!.split(",")) {
        const name = raw.trim().split(/\s+as\s+/)[0]!.trim();
        if (name.startsWith("type ") || !/^[A-Z]\w*Command$/.test(name)) continue;
        calls.push({ client: match[3]!, command: name.slice(0, -"Command".length), file });
      }
    }
  }
  return calls;
}

/** SDK imports that are not `import { …Command } from "@aws-sdk/client-…"`. */
export async function opaqueSdkImports(files: readonly string[]): Promise<OpaqueImport[]> {
  const opaque: OpaqueImport[] = [];
  for (const file of files) {
    const text = await Deno.readTextFile(join(REPO_ROOT, file));
    for (const match of text.matchAll(ANY_SDK_IMPORT)) {
      const named = [...match[0].matchAll(NAMED_IMPORT)].length === 1 &&
        /^import\s*(type\s+)?\{/.test(match[0]);
      if (!named) opaque.push({ file: relative(".", file), text: match[0].replace(/\s+/g, " ") });
    }
  }
  return opaque;
}
