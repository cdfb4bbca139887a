/**
 * The evaluation service against the real inference service: the ONNX model trained in this
 * repository, served by the inference app over HTTP on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { modelDir, readModel } from "../../ml/model_store.ts";
import { createApp as createInferenceApp } from "../inference/app.ts";
import { OnnxClassifier } from "../inference/onnx_classifier.ts";
import { createApp } from "./app.ts";
import { httpClassifier } from "./classifier.ts";
import type { Evaluation } from "./evaluation.ts";
import { agNewsTestCsv, readHeldOut } from "./package_data.ts";
import { MemoryEvaluationStore } from "./store.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("evaluating the real ONNX inference service on 300 held-out rows: accurate, served version checked, no drop vs itself", async () => {
  const { onnx, card } = await readModel(await modelDir(`${root}ml/models`));
  const classifier = await OnnxClassifier.create(onnx, card);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    createInferenceApp({ model: classifier }).fetch,
  );
  const endpoint = `http://127.0.0.1:${server.addr.port}`;
  try {
    const app = createApp({
      heldOut: await readHeldOut(agNewsTestCsv(root)),
      classifier: httpClassifier(),
      store: new MemoryEvaluationStore(),
      thresholds: { minAccuracy: 0.85, maxAccuracyDrop: 0.01, maxP99Ms: 2_000 },
      targets: { canary: endpoint, stable: endpoint },
      log: () => {},
    });
    const res = await app.request(
      `/v1/verdict?target=canary&sample=300&modelVersion=${card.version}`,
    );
    assert.equal(res.status, 200);
    const evaluation: Evaluation = await res.json();
    assert.equal(evaluation.errors, 0, evaluation.errorSamples.join("; "));
    assert.ok(
      evaluation.accuracy! >= 0.85 && evaluation.accuracy! <= 1,
      `accuracy ${evaluation.accuracy}`,
    );
    assert.equal(evaluation.accuracy, evaluation.baseline?.accuracy);
    assert.equal(evaluation.accuracyDrop, 0);
    assert.deepEqual(evaluation.servedVersions, { [card.version]: 300 });
    assert.equal(evaluation.verdict, "pass", JSON.stringify(evaluation.checks));
  } finally {
    await server.shutdown();
    await classifier.release();
  }
});
