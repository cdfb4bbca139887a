/**
 * Lambda entry of ml-news-model (bundled to `index.mjs`, handler `index.handler`). Model cards
 * are the ones packaged beside the handler (`data/model_cards/<version>.json`, see `package_data.ts`).
 */
import process from "node:process";
import { logSink } from "../common/log_sink.ts";
import { lambdaHandler, packagedApp } from "../lambda/mod.ts";
import { createApp } from "./app.ts";
import { loadModelCards, ModelCatalog } from "./catalog.ts";
import { modelConfig } from "./config.ts";

export const handler = lambdaHandler(async () => {
  const config = modelConfig(process.env);
  const catalog = new ModelCatalog(
    await loadModelCards(new URL("./data/model_cards/", import.meta.url)),
  );
  return packagedApp(
    createApp({ catalog, log: logSink(config.logLevel) }),
    new URL("./", import.meta.url),
  );
});
