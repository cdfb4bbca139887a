/**
 * Local server for the model registry (`deno task serve model`, port from `PORT`, default
 * 8082): model cards from `<REPO_DIR>/ml/models/<version>/model_card.json`; deployments from
 * live state through the controller's status pass (`DEPLOYMENTS_SOURCE=live`, the default:
 * local AWS at `LOCAL_AWS_ENDPOINT`, or in process) or from the release manifests only
 * (`DEPLOYMENTS_SOURCE=manifests`). `REPO_DIR` defaults to the current directory.
 */
import { logSink } from "../common/log_sink.ts";
import { portFromEnv, serveApp } from "../common/serve_app.ts";
import { createApp } from "./app.ts";
import { ModelCatalog, parseModelCard } from "./catalog.ts";
import { modelConfig } from "./config.ts";
import { liveDeployments } from "./live_deployments.ts";
import { manifestDeployments } from "./manifest_deployments.ts";
import { modelPackageData } from "./package_data.ts";

export const DEFAULT_PORT = 8082;

export async function main(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const config = modelConfig(env);
  const root = config.repoDir ?? Deno.cwd();
  const files = await modelPackageData(root);
  const catalog = new ModelCatalog(
    files.map((f) => parseModelCard(new TextDecoder().decode(f.bytes), f.path)),
  );
  const live = config.deploymentsSource === "live" ? liveDeployments(root) : undefined;
  const app = createApp({
    catalog,
    deployments: live ?? manifestDeployments(root),
    log: logSink(config.logLevel),
  });
  await serveApp(app, { name: "model", port: portFromEnv(env, DEFAULT_PORT) }).finished;
  await live?.close();
}

if (import.meta.main) await main(Deno.env.toObject());
