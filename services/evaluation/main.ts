/**
 * Local server for the evaluation service (`deno task serve evaluation`, port from `PORT`,
 * default 8083). The held-out sample is read from AG News test.csv in `AG_NEWS_DIR` (default
 * `../shared/data/ag_news` beside the repository), sliced as the package slices it.
 */
import { portFromEnv, serveApp } from "../common/serve_app.ts";
import { REPO_ROOT } from "../packaging/build_package.ts";
import { evaluationConfig } from "./config.ts";
import { agNewsTestCsv, readHeldOut } from "./package_data.ts";
import { wiredApp } from "./wiring.ts";

export const DEFAULT_PORT = 8083;

export async function main(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const heldOut = await readHeldOut(agNewsTestCsv(REPO_ROOT, env["AG_NEWS_DIR"] || undefined));
  const app = await wiredApp(evaluationConfig(env), heldOut);
  await serveApp(app, { name: "evaluation", port: portFromEnv(env, DEFAULT_PORT) }).finished;
}

if (import.meta.main) await main(Deno.env.toObject());
