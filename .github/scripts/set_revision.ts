/**
 * `deno run --allow-read=releases --allow-write=releases .github/scripts/set_revision.ts
 *   --env dev --release feedback --revision sha256:<hex>`
 *
 * Points one release at a new revision (a Lambda ZIP digest or an image reference); used by
 * the build workflows to propose a `dev` bump. Prints one line per change; exits 1 with a
 * message naming the file on bad input, leaving the file as it was.
 */
import { parseArgs } from "node:util";
import { describeChange, releasePath, writeRevision } from "./release_file.ts";

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      env: { type: "string" },
      release: { type: "string" },
      revision: { type: "string" },
      root: { type: "string", default: "." },
    },
  });
  const { env, release, revision, root } = values;
  try {
    if (env === undefined || release === undefined || revision === undefined) {
      throw new Error("usage: set_revision.ts --env <env> --release <name> --revision <revision>");
    }
    const change = await writeRevision(root, releasePath(env, release), { revision });
    console.log(describeChange(change));
  } catch (error) {
    console.error(`set_revision: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
