import assert from "node:assert/strict";
import { readAgNews } from "./dataset.ts";
import { DEFAULT_FEATURIZER, DEFAULT_TRAINING } from "./hyperparameters.ts";
import { CATEGORIES } from "./labels.ts";
import { modelDir, readModel } from "./model_store.ts";
import { DATA_DIR, MODELS_DIR } from "./test_data.ts";

const { onnx, card } = await readModel(await modelDir(MODELS_DIR));

Deno.test("the committed model card names its ONNX file by digest and meets the accuracy target", () => {
  assert.equal(card.shortVersion, card.version.slice("sha256:".length, "sha256:".length + 12));
  assert.equal(card.artifact.bytes, onnx.byteLength);
  assert.ok(onnx.byteLength < 20 * 1024 * 1024, "artifact under 20 MB");
  assert.deepEqual(card.categories, CATEGORIES);
  assert.ok(card.metrics.test!.accuracy >= 0.905, `test accuracy ${card.metrics.test!.accuracy}`);
  assert.equal(card.metrics.test!.rows, 7600);
  assert.deepEqual(card.featurizer, DEFAULT_FEATURIZER);
  assert.deepEqual({ ...card.hyperParameters, validationFraction: undefined }, {
    ...DEFAULT_TRAINING,
    validationFraction: undefined,
  });
});

Deno.test("the committed model card's data digests are those of the files in ../shared", async () => {
  const train = await readAgNews(`${DATA_DIR}/train.csv`);
  const test = await readAgNews(`${DATA_DIR}/test.csv`);
  assert.equal(card.trainingData.digest, train.digest);
  assert.equal(card.trainingData.rows, train.rows.length);
  assert.equal(card.metrics.test!.data.digest, test.digest);
});
