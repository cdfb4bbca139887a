import { modelDir, readModel } from "../../ml/model_store.ts";
import { OnnxClassifier } from "./onnx_classifier.ts";
import { readAgNews } from "../../ml/dataset.ts";
import { featurize } from "../../ml/featurizer.ts";
import { createApp } from "./app.ts";
import { FakeClassifier } from "./fake_classifier_test_helper.ts";
const a = await readModel(await modelDir("ml/models"));
const c = await OnnxClassifier.create(a.onnx, a.card);
const rows = (await readAgNews("../shared/data/ag_news/test.csv")).rows.slice(0, 2000);
const bodies = rows.map((r) => JSON.stringify({ title: r.title, text: r.text }));
const docs = rows.map((r) => ({ title: r.title, text: r.text }));
async function time(name: string, n: number, fn: (i: number) => Promise<unknown> | unknown) {
  for (let i = 0; i < 500; i++) await fn(i);
  const s = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  console.log(name.padEnd(30), ((performance.now() - s) * 1000 / n).toFixed(1), "us");
}
const real = createApp({ model: c });
const fake = createApp({ model: new FakeClassifier() });
const req = (i: number) =>
  new Request("http://x/v1/classify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: bodies[i % bodies.length],
  });
await time("app.fetch real", 5000, async (i) => (await real.fetch(req(i))).arrayBuffer());
await time("app.fetch fake", 5000, async (i) => (await fake.fetch(req(i))).arrayBuffer());
await time("new Request only", 5000, (i) => req(i));
await time("classify", 5000, (i) => c.classify([docs[i % docs.length]!]));
await time("featurize", 5000, (i) => featurize(docs[i % docs.length]!, a.card.featurizer));
const fs = docs.map((d) => featurize(d, a.card.featurizer));
await time("ort scoreFeatures", 5000, (i) => c.scoreFeatures([fs[i % fs.length]!]));
await time("JSON.parse body", 5000, (i) => JSON.parse(bodies[i % bodies.length]!));
