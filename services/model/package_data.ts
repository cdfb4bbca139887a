/**
 * Build-time data of the model package: every `ml/models/<short>/model_card.json` present at
 * package time, as `data/model_cards/<short>.json`. Runs under Deno only; never bundled.
 */
import { join } from "node:path";
import type { PackageFile } from "../packaging/zip.ts";

export const MODEL_CARDS_DIR = "data/model_cards";

export async function modelPackageData(root: string): Promise<PackageFile[]> {
  const models = join(root, "ml", "models");
  const files: PackageFile[] = [];
  let entries: Deno.DirEntry[] = [];
  try {
    entries = await Array.fromAsync(Deno.readDir(models));
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  for (
    const entry of entries.filter((e) => e.isDirectory).sort((a, b) => (a.name < b.name ? -1 : 1))
  ) {
    try {
      const bytes = await Deno.readFile(join(models, entry.name, "model_card.json"));
      files.push({ path: `${MODEL_CARDS_DIR}/${entry.name}.json`, bytes });
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
  return files;
}
