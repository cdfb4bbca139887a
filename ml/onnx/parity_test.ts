import assert from "node:assert/strict";
import * as ort from "onnxruntime-node";
import { readAgNews } from "../dataset.ts";
import { featurize } from "../featurizer.ts";
import { CLASS_COUNT } from "../labels.ts";
import { predictScores } from "../linear_model.ts";
import { modelDir, readModel } from "../model_store.ts";
import { DATA_DIR, MODELS_DIR } from "../test_data.ts";
import { INPUT_INDICES, INPUT_VALUES, OUTPUT_LOGITS, OUTPUT_SCORES } from "./export.ts";
import { linearModelFromOnnx } from "./import.ts";
import { logitsOf, normalisedValues } from "../linear_model.ts";

const { onnx, card } = await readModel(await modelDir(MODELS_DIR));
const model = linearModelFromOnnx(onnx);
const test = await readAgNews(`${DATA_DIR}/test.csv`);
const docs = test.rows.slice(0, 1000);

Deno.test("onnxruntime's scores equal the TypeScript model's within 1e-5 on 1,000 test documents", async () => {
  const session = await ort.InferenceSession.create(onnx);
  const features = docs.map((d) => featurize(d, model.featurizer));
  const width = Math.max(...features.map((f) => f.indices.length));
  const indices = new Int32Array(docs.length * width);
  const values = new Float32Array(docs.length * width);
  features.forEach((f, i) => {
    indices.set(f.indices, i * width);
    values.set(f.values, i * width);
  });
  const out = await session.run({
    [INPUT_INDICES]: new ort.Tensor("int32", indices, [docs.length, width]),
    [INPUT_VALUES]: new ort.Tensor("float32", values, [docs.length, width]),
  });
  const scores = out[OUTPUT_SCORES]!.data as Float32Array;
  const logits = out[OUTPUT_LOGITS]!.data as Float32Array;
  let worstScore = 0, worstLogit = 0;
  features.forEach((f, i) => {
    const expected = predictScores(model, f);
    const expectedLogits = logitsOf(model, f.indices, normalisedValues(model, f));
    for (let c = 0; c < CLASS_COUNT; c++) {
      worstScore = Math.max(worstScore, Math.abs(scores[i * CLASS_COUNT + c]! - expected[c]!));
      worstLogit = Math.max(
        worstLogit,
        Math.abs(logits[i * CLASS_COUNT + c]! - expectedLogits[c]!),
      );
    }
  });
  assert.ok(worstScore <= 1e-5, `largest score difference ${worstScore}`);
  assert.ok(worstLogit <= 1e-4, `largest logit difference ${worstLogit}`);
  await session.release();
});

Deno.test("the committed model's featurizer settings come back from its ONNX metadata", () => {
  assert.deepEqual(model.featurizer, card.featurizer);
  assert.equal(model.idf.length, 2 ** card.featurizer.bucketBits);
  assert.equal(model.weights.length, 2 ** card.featurizer.bucketBits * CLASS_COUNT);
});

Deno.test("onnxruntime scores a batch padded to a longer width exactly as one row alone", async () => {
  const session = await ort.InferenceSession.create(onnx);
  const f = featurize(docs[0]!, model.featurizer);
  const run = async (width: number) => {
    const indices = new Int32Array(width), values = new Float32Array(width);
    indices.set(f.indices);
    values.set(f.values);
    const out = await session.run({
      [INPUT_INDICES]: new ort.Tensor("int32", indices, [1, width]),
      [INPUT_VALUES]: new ort.Tensor("float32", values, [1, width]),
    });
    return Array.from(out[OUTPUT_SCORES]!.data as Float32Array);
  };
  const alone = await run(f.indices.length);
  const padded = await run(f.indices.length + 37);
  alone.forEach((v, c) => assert.ok(Math.abs(v - padded[c]!) <= 1e-7));
  await session.release();
});
