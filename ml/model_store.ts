/**
 * Model artifacts on disk: `<root>/<shortVersion>/model.onnx` + `model_card.json`, and
 * `<root>/CURRENT` naming the version that serving uses by default.
 */
import { sha256Hex } from "./dataset.ts";
import { type ModelCard, shortVersionOf } from "./model_card.ts";

export const MODEL_FILE = "model.onnx";
export const CARD_FILE = "model_card.json";
export const CURRENT_FILE = "CURRENT";
const SHORT_VERSION = /^[0-9a-f]{12}$/;

export interface ModelArtifacts {
  readonly onnx: Uint8Array;
  readonly card: ModelCard;
}

export class ModelStoreError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "ModelStoreError";
  }
}

/** Write a model version and make it CURRENT; returns its directory. */
export async function writeModel(root: string, artifacts: ModelArtifacts): Promise<string> {
  const dir = `${root}/${artifacts.card.shortVersion}`;
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeFile(`${dir}/${MODEL_FILE}`, artifacts.onnx);
  await Deno.writeTextFile(`${dir}/${CARD_FILE}`, JSON.stringify(artifacts.card, null, 2) + "\n");
  await Deno.writeTextFile(`${root}/${CURRENT_FILE}`, artifacts.card.shortVersion + "\n");
  return dir;
}

/** The directory of `version` (short or full digest), or of CURRENT when omitted. */
export async function modelDir(root: string, version?: string): Promise<string> {
  if (version !== undefined && version !== "") {
    return `${root}/${SHORT_VERSION.test(version) ? version : shortVersionOf(version)}`;
  }
  const path = `${root}/${CURRENT_FILE}`;
  let current: string;
  try {
    current = (await Deno.readTextFile(path)).trim();
  } catch (e) {
    throw new ModelStoreError(
      path,
      `cannot read the current model version (${(e as Error).message})`,
    );
  }
  if (!SHORT_VERSION.test(current)) {
    throw new ModelStoreError(
      path,
      `expected a 12-hex-digit version, found ${JSON.stringify(current)}`,
    );
  }
  return `${root}/${current}`;
}

/** Read and verify a model directory: the card's version must be the ONNX file's digest. */
export async function readModel(dir: string): Promise<ModelArtifacts> {
  let onnx: Uint8Array, card: ModelCard;
  try {
    onnx = await Deno.readFile(`${dir}/${MODEL_FILE}`);
    card = JSON.parse(await Deno.readTextFile(`${dir}/${CARD_FILE}`)) as ModelCard;
  } catch (e) {
    throw new ModelStoreError(dir, `cannot read the model (${(e as Error).message})`);
  }
  const digest = `sha256:${await sha256Hex(onnx)}`;
  if (card.version !== digest) {
    throw new ModelStoreError(
      dir,
      `model card says version ${card.version} but ${MODEL_FILE} has digest ${digest}`,
    );
  }
  return { onnx, card };
}
