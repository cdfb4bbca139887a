import assert from "node:assert/strict";
import { readAgNews } from "./dataset.ts";
import { DEFAULT_FEATURIZER, DEFAULT_TRAINING } from "./hyperparameters.ts";
import { DATA_DIR } from "./test_data.ts";
import { runTraining } from "./training_run.ts";

const train = await readAgNews(`${DATA_DIR}/train.csv`);
const slice = { ...train, rows: train.rows.slice(0, 3000), file: "train.csv" };
const heldOut = { ...train, rows: train.rows.slice(30000, 31000), file: "train.csv" };
const options = {
  featurizer: { ...DEFAULT_FEATURIZER, bucketBits: 16 },
  training: { ...DEFAULT_TRAINING, epochs: 3 },
  validationFraction: 0.1,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  producerVersion: "test",
};

Deno.test("runTraining() twice on the same rows gives byte-identical ONNX and the same version", async () => {
  const a = await runTraining(slice, options);
  const b = await runTraining(slice, options);
  assert.equal(a.onnx.byteLength, b.onnx.byteLength);
  assert.ok(a.onnx.every((byte, i) => byte === b.onnx[i]), "ONNX bytes differ");
  assert.equal(a.card.version, b.card.version);
  assert.deepEqual(a.card, b.card);
});

Deno.test("runTraining() with another seed gives a different model", async () => {
  const a = await runTraining(slice, options);
  const b = await runTraining(slice, { ...options, training: { ...options.training, seed: 7 } });
  assert.notEqual(a.card.version, b.card.version);
});

Deno.test("runTraining() learns: held-out accuracy well above chance, card records the data", async () => {
  const run = await runTraining(slice, { ...options, test: heldOut });
  assert.ok(run.card.metrics.test!.accuracy > 0.8, `accuracy ${run.card.metrics.test!.accuracy}`);
  assert.equal(run.card.trainingData.rows, 3000);
  assert.equal(run.card.trainingData.trainRows, 2700);
  assert.equal(run.card.trainingData.validationRows, 300);
  assert.equal(run.card.trainingData.digest, train.digest);
  assert.equal(run.card.artifact.bytes, run.onnx.byteLength);
  assert.equal(run.card.metrics.test!.data.rows, 1000);
});
