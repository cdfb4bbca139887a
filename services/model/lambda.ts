/**
 * Lambda entry of ml-news-model (bundled to `index.mjs`, handler `index.handler`). Model cards
 * are the ones packaged beside the handler (`data/model_cards/<version>.json`, see
 * `package_data.ts`); deployments are the live ones of the inference service in the function's
 * own account (`ecs_deployments.ts`).
 */
import process from "node:process";
import { logSink } from "../common/log_sink.ts";
import { lambdaHandler, packagedApp } from "../lambda/mod.ts";
import { createApp } from "./app.ts";
import { loadModelCards, ModelCatalog } from "./catalog.ts";
import { modelConfig } from "./config.ts";
import { defaultEcsPort, ecsDeployments } from "./ecs_deployments.ts";

export const handler = lambdaHandler(async () => {
  const config = modelConfig(process.env);
  const catalog = new ModelCatalog(
    await loadModelCards(new URL("./data/model_cards/", import.meta.url)),
  );
  const deployments = config.region
    ? ecsDeployments(defaultEcsPort(config.region), config.inference)
    : undefined;
  return packagedApp(
    createApp({
      catalog,
      ...(deployments ? { deployments } : {}),
      log: logSink(config.logLevel),
    }),
    new URL("./", import.meta.url),
  );
});
