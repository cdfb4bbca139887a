/**
 * The model catalog: model cards (as `ml/model_card.ts` defines them) by version. Cards come
 * from JSON files, one per model version; a card that is not a card is a startup error that
 * names the file, never a half-listed registry.
 */
import { readdir, readFile } from "node:fs/promises";
import type { ModelCard } from "../../ml/model_card.ts";

export type { ModelCard };

export class ModelCatalog {
  readonly #cards: readonly ModelCard[];

  constructor(cards: readonly ModelCard[]) {
    this.#cards = [...cards].sort((a, b) =>
      a.createdAt < b.createdAt
        ? 1
        : a.createdAt > b.createdAt
        ? -1
        : a.version < b.version
        ? -1
        : 1
    );
  }

  /** Newest first. */
  list(): readonly ModelCard[] {
    return this.#cards;
  }

  /** By full version (`sha256:<hex>`) or short version (first 12 hex digits). */
  get(version: string): ModelCard | undefined {
    return this.#cards.find((c) => c.version === version || c.shortVersion === version);
  }
}

/** A version as the API accepts it: `sha256:<64 hex>` or the 12-hex short form. */
export const VERSION_PATTERN = /^(sha256:[0-9a-f]{64}|[0-9a-f]{12})$/;

export class ModelCardError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "ModelCardError";
  }
}

/** Checks the fields the registry relies on; the rest of the card is passed through as is. */
export function parseModelCard(text: string, file: string): ModelCard {
  let card: unknown;
  try {
    card = JSON.parse(text);
  } catch (err) {
    throw new ModelCardError(file, `not JSON (${(err as Error).message})`);
  }
  if (typeof card !== "object" || card === null || Array.isArray(card)) {
    throw new ModelCardError(file, "expected a JSON object");
  }
  const c = card as Record<string, unknown>;
  if (typeof c["version"] !== "string" || !/^sha256:[0-9a-f]{64}$/.test(c["version"])) {
    throw new ModelCardError(
      file,
      `expected "version" to be sha256:<64 hex>, got ${JSON.stringify(c["version"])}`,
    );
  }
  if (
    typeof c["shortVersion"] !== "string" || !c["version"].slice(7).startsWith(c["shortVersion"])
  ) {
    throw new ModelCardError(file, `expected "shortVersion" to be a prefix of the version digest`);
  }
  if (typeof c["createdAt"] !== "string" || Number.isNaN(Date.parse(c["createdAt"]))) {
    throw new ModelCardError(file, `expected "createdAt" to be an ISO 8601 time`);
  }
  return card as ModelCard;
}

/** Every `*.json` card in `dir` (a path or file URL); works under Deno and Node. */
export async function loadModelCards(dir: string | URL): Promise<ModelCard[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  const base = typeof dir === "string" ? dir.replace(/\/?$/, "/") : dir.href.replace(/\/?$/, "/");
  return await Promise.all(names.map(async (name) => {
    const file = typeof dir === "string" ? `${base}${name}` : new URL(name, base);
    return parseModelCard(await readFile(file, "utf8"), String(file));
  }));
}
