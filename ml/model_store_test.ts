import assert from "node:assert/strict";
import {
  CARD_FILE,
  CURRENT_FILE,
  MODEL_FILE,
  modelDir,
  ModelStoreError,
  readModel,
  writeModel,
} from "./model_store.ts";
import { sha256Hex } from "./dataset.ts";
import type { ModelCard } from "./model_card.ts";

async function fakeArtifacts(bytes: Uint8Array) {
  const version = `sha256:${await sha256Hex(bytes)}`;
  return {
    onnx: bytes,
    card: { version, shortVersion: version.slice(7, 19) } as unknown as ModelCard,
  };
}

Deno.test("writeModel() stores a version under its short digest and makes it CURRENT", async () => {
  const root = await Deno.makeTempDir();
  const artifacts = await fakeArtifacts(new Uint8Array([1, 2, 3]));
  const dir = await writeModel(root, artifacts);
  assert.equal(dir, `${root}/${artifacts.card.shortVersion}`);
  assert.equal(await modelDir(root), dir);
  assert.equal(await modelDir(root, artifacts.card.shortVersion), dir);
  assert.equal(await modelDir(root, artifacts.card.version), dir);
  assert.deepEqual((await readModel(dir)).onnx, artifacts.onnx);
  await Deno.remove(root, { recursive: true });
});

Deno.test("readModel() refuses a model whose bytes do not match the card's version", async () => {
  const root = await Deno.makeTempDir();
  const dir = await writeModel(root, await fakeArtifacts(new Uint8Array([1, 2, 3])));
  await Deno.writeFile(`${dir}/${MODEL_FILE}`, new Uint8Array([9]));
  await assert.rejects(readModel(dir), (e: unknown) => {
    assert.ok(e instanceof ModelStoreError);
    assert.match(
      e.message,
      /model card says version sha256:[0-9a-f]{64} but model\.onnx has digest/,
    );
    return true;
  });
  await Deno.remove(root, { recursive: true });
});

Deno.test("modelDir() explains a missing or malformed CURRENT file", async () => {
  const root = await Deno.makeTempDir();
  await assert.rejects(modelDir(root), /cannot read the current model version/);
  await Deno.writeTextFile(`${root}/${CURRENT_FILE}`, "latest\n");
  await assert.rejects(modelDir(root), /expected a 12-hex-digit version, found "latest"/);
  await assert.rejects(readModel(`${root}/nope`), new RegExp(`cannot read the model`));
  assert.equal(CARD_FILE, "model_card.json");
  await Deno.remove(root, { recursive: true });
});
