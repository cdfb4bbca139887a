/**
 * `deno task package | deno run --allow-read=dist .github/scripts/lambda_digests.ts`
 *
 * Turns the packaging output (`<package> sha256:<hex>` per line) into
 * `digests={"<package>":"sha256:<hex>",…}` for `$GITHUB_OUTPUT`, after checking that each
 * ZIP is at `dist/lambda/<package>/<hex>.zip` and really has that digest: what is uploaded and
 * what the release pull request names are the same bytes.
 */
import { join } from "node:path";

/** Package → `sha256:<hex>`, in the order the packager printed them. */
export type Digests = Record<string, string>;

const LINE = /^([a-z0-9][a-z0-9_-]*) (sha256:([0-9a-f]{64}))$/;

/** Parses the packager's lines; rejects anything else so a format change cannot slip by. */
export function parsePackageOutput(text: string): Digests {
  const digests: Digests = {};
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  for (const [index, line] of lines.entries()) {
    const match = LINE.exec(line);
    if (match === null) {
      throw new Error(
        `line ${index + 1}: expected "<package> sha256:<64 hex>", found ${JSON.stringify(line)}`,
      );
    }
    if (match[1]! in digests) throw new Error(`line ${index + 1}: ${match[1]} printed twice`);
    digests[match[1]!] = match[2]!;
  }
  if (lines.length === 0) throw new Error("the packager printed no ZIP");
  return digests;
}

/** Checks every ZIP under `root/dist/lambda` against its digest. */
export async function verifyZips(root: string, digests: Digests): Promise<void> {
  for (const [pkg, digest] of Object.entries(digests)) {
    const hex = digest.slice("sha256:".length);
    const file = join("dist", "lambda", pkg, `${hex}.zip`);
    const bytes = await Deno.readFile(join(root, file));
    const actual = toHex(await crypto.subtle.digest("SHA-256", bytes));
    if (actual !== hex) throw new Error(`${file}: its sha256 is ${actual}, not ${hex}`);
  }
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

if (import.meta.main) {
  try {
    const digests = parsePackageOutput(await new Response(Deno.stdin.readable).text());
    await verifyZips(".", digests);
    console.log(`digests=${JSON.stringify(digests)}`);
  } catch (error) {
    console.error(`lambda_digests: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
