import assert from "node:assert/strict";
import { featurize, type FeaturizerConfig } from "./featurizer.ts";
import { cleanText, tokenize } from "./text_clean.ts";
import { DEFAULT_FEATURIZER } from "./hyperparameters.ts";

const config: FeaturizerConfig = DEFAULT_FEATURIZER;

Deno.test("cleanText() decodes AG News entities, bare #39; forms and encoded tags", () => {
  assert.equal(
    cleanText("Bush#39;s &lt;b&gt;plan&lt;/b&gt; costs #36;5 &amp; more#151;now"),
    "bush's  plan  costs $5 & more—now",
  );
});

Deno.test("cleanText() turns AG News' literal backslashes into word breaks", () => {
  // AG News writes a backslash where a line break was: "in\\recent", "\\$10".
  assert.deepEqual(tokenize(cleanText("talks with\\the Europeans cost \\$10")), [
    "talks",
    "with",
    "the",
    "europeans",
    "cost",
    "10",
  ]);
});

Deno.test("featurize() of a text that is empty after cleaning has no features", () => {
  for (const text of ["", "   ", "&lt;br&gt;", "<p></p>", "\\\\"]) {
    const f = featurize({ text }, config);
    assert.equal(f.indices.length, 0, JSON.stringify(text));
    assert.equal(f.values.length, 0);
  }
});

Deno.test("featurize() of only punctuation has no features", () => {
  const f = featurize({ title: "?!", text: "... --- !!! ,,, ;;; ***" }, config);
  assert.equal(f.indices.length, 0);
});

Deno.test("featurize() tokenizes non-Latin scripts as words", () => {
  assert.deepEqual(tokenize(cleanText("Москва объявила выборы")), ["москва", "объявила", "выборы"]);
  assert.deepEqual(tokenize(cleanText("東京 株式市場")), ["東京", "株式市場"]);
  assert.deepEqual(tokenize(cleanText("القاهرة تستضيف")), ["القاهرة", "تستضيف"]);
  const f = featurize({ text: "Москва объявила выборы" }, config);
  assert.equal(f.indices.length, 5); // 3 unigrams + 2 bigrams
});

Deno.test("featurize() of 32 KB of one word yields one feature with count 1", () => {
  const word = "a".repeat(32 * 1024);
  const f = featurize({ text: word }, { ...config, charNgrams: { min: 3, max: 5 } });
  assert.ok(
    f.indices.length <= 3 * 42 + 1,
    `bounded by the char n-gram word cap, got ${f.indices.length}`,
  );
  const plain = featurize({ text: word }, config);
  assert.equal(plain.indices.length, 1);
  assert.equal(plain.values[0], 1);
});

Deno.test("featurize() returns sorted unique buckets with sub-linear term frequencies", () => {
  const f = featurize({ text: "oil oil oil prices" }, config);
  const idx = Array.from(f.indices);
  assert.deepEqual(idx, [...new Set(idx)].sort((a, b) => a - b));
  assert.ok(idx.every((i) => i >= 0 && i < 2 ** config.bucketBits));
  const values = Array.from(f.values).sort();
  // oil (3), "oil oil" (2), prices (1), "oil prices" (1)
  assert.deepEqual(
    values.map((v) => v.toFixed(5)),
    [1, 1, 1 + Math.log(2), 1 + Math.log(3)].map((v) => Math.fround(v).toFixed(5)).sort(),
  );
});

Deno.test("featurize() is case- and entity-insensitive but order-sensitive for bigrams", () => {
  const a = featurize({ text: "Oil &amp; Gas" }, config);
  const b = featurize({ text: "oil & gas" }, config);
  assert.deepEqual(a, b);
  const c = featurize({ text: "gas oil" }, config);
  assert.notDeepEqual(featurize({ text: "oil gas" }, config), c);
});
