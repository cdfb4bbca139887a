/**
 * Lambda entry of ml-news-evaluation (bundled to `index.mjs`, handler `index.handler`). The
 * held-out sample is the one packaged beside the handler (`data/held_out.json`).
 */
import { readFile } from "node:fs/promises";
import process from "node:process";
import { lambdaHandler, packagedApp } from "../lambda/mod.ts";
import { evaluationConfig } from "./config.ts";
import type { LabelledExample } from "./held_out.ts";
import { wiredApp } from "./wiring.ts";

export const handler = lambdaHandler(async () => {
  const heldOut: LabelledExample[] = JSON.parse(
    await readFile(new URL("./data/held_out.json", import.meta.url), "utf8"),
  );
  const app = await wiredApp(evaluationConfig(process.env), heldOut);
  return packagedApp(app, new URL("./", import.meta.url));
});
