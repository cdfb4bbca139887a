/**
 * Build-time data of the evaluation package: the held-out slice of AG News test.csv as
 * `data/held_out.json`. Runs under Deno at package time only; never bundled.
 */
import { join } from "node:path";
import { parseAgNews } from "../../ml/dataset.ts";
import { CATEGORIES } from "../common/categories.ts";
import type { PackageFile } from "../packaging/zip.ts";
import { heldOutSlice, type LabelledExample } from "./held_out.ts";

export const HELD_OUT_FILE = "data/held_out.json";

/** `<root>/../shared/data/ag_news/test.csv` unless `AG_NEWS_DIR` says otherwise. */
export function agNewsTestCsv(root: string, dataDir?: string): string {
  return join(dataDir ?? join(root, "..", "shared", "data", "ag_news"), "test.csv");
}

export async function readHeldOut(testCsv: string): Promise<LabelledExample[]> {
  const dataset = await parseAgNews(await Deno.readFile(testCsv), testCsv);
  return heldOutSlice(dataset.rows).map((row) => ({
    label: CATEGORIES[row.label]!,
    title: row.title,
    text: row.text,
  }));
}

export async function evaluationPackageData(root: string): Promise<PackageFile[]> {
  const examples = await readHeldOut(agNewsTestCsv(root));
  return [{ path: HELD_OUT_FILE, bytes: new TextEncoder().encode(JSON.stringify(examples)) }];
}
