import assert from "node:assert/strict";
import { readAgNews } from "../../ml/dataset.ts";
import { featurize } from "../../ml/featurizer.ts";
import { DEFAULT_FEATURIZER } from "../../ml/hyperparameters.ts";
import { modelDir, readModel } from "../../ml/model_store.ts";
import { featurizerConfigFromOnnx } from "../../ml/onnx/import.ts";
import { DATA_DIR, MODELS_DIR } from "../../ml/test_data.ts";
import { createApp } from "./app.ts";
import { OnnxClassifier } from "./onnx_classifier.ts";
import { DEFAULT_LIMITS, parseDocument } from "./request_body.ts";

const { onnx, card } = await readModel(await modelDir(MODELS_DIR));
const test = await readAgNews(`${DATA_DIR}/test.csv`);
const slice = test.rows.slice(0, 500);

async function withApp(fn: (app: ReturnType<typeof createApp>) => Promise<void>) {
  const model = await OnnxClassifier.create(onnx, card);
  try {
    await fn(createApp({ model }));
  } finally {
    await model.release();
  }
}

const classify = (app: ReturnType<typeof createApp>, path: string, body: unknown) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

Deno.test("the served ONNX model classifies 500 test.csv rows above 88% accuracy", async () => {
  await withApp(async (app) => {
    let correct = 0;
    for (const row of slice) {
      const res = await classify(app, "/v1/classify", { title: row.title, text: row.text });
      assert.equal(res.status, 200);
      const body = await res.json();
      if (body.label === row.label + 1) correct++;
      const sum = Object.values(body.scores as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-5);
    }
    assert.ok(correct / slice.length > 0.88, `accuracy ${correct / slice.length}`);
  });
});

Deno.test("batch results equal single-document results for the same texts", async () => {
  await withApp(async (app) => {
    const docs = slice.slice(0, 64).map((r) => ({ title: r.title, text: r.text }));
    const batch = await (await classify(app, "/v1/classify/batch", { items: docs })).json();
    for (const [i, doc] of docs.entries()) {
      const single = await (await classify(app, "/v1/classify", doc)).json();
      assert.equal(batch.items[i].category, single.category);
      for (const [name, score] of Object.entries(single.scores as Record<string, number>)) {
        assert.ok(Math.abs(batch.items[i].scores[name] - score) <= 1e-6, `${i} ${name}`);
      }
    }
  });
});

Deno.test("serving-time features equal training-time features for the same rows", () => {
  const served = featurizerConfigFromOnnx(onnx);
  assert.deepEqual(served, DEFAULT_FEATURIZER);
  for (const row of slice) {
    // Training featurizes the CSV row; serving featurizes what a client sends as JSON.
    const training = featurize(row, DEFAULT_FEATURIZER);
    const wire = JSON.parse(JSON.stringify({ title: row.title, text: row.text }));
    const serving = featurize(parseDocument(wire, "", DEFAULT_LIMITS), served);
    assert.deepEqual(serving, training);
  }
});

Deno.test("the real model handles edge-case texts without error", async () => {
  await withApp(async (app) => {
    for (
      const text of ["!!! ??? ...", "&lt;br&gt;", "東京株式市場", "Москва", "a".repeat(32 * 1024)]
    ) {
      const res = await classify(app, "/v1/classify", { text });
      assert.equal(res.status, 200, text.slice(0, 20));
      assert.ok(["World", "Sports", "Business", "Sci/Tech"].includes((await res.json()).category));
    }
  });
});
