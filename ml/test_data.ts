/**
 * Paths shared by tests: the AG News folder beside the repository (CI clones the repo
 * with `shared/` next to it) and the committed model.
 */
export const DATA_DIR = new URL("../../shared/data/ag_news", import.meta.url).pathname;
export const MODELS_DIR = new URL("./models", import.meta.url).pathname;
