/**
 * The published JSON Schemas (schemas/*.schema.json) checked with a real validator (ajv,
 * draft 2020-12): fresh, accepting every valid manifest, rejecting invalid shapes.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parseAllDocuments } from "yaml";
import { fieldNamesAt, jsonSchemaOf, renderSchemas } from "./json_schema.ts";
import { KIND_NAMES } from "./kinds.ts";
import { filesUnder, FIXTURES, REPO_ROOT, VALID_REPO } from "./testing.ts";

const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const kind of KIND_NAMES) ajv.addSchema(jsonSchemaOf(kind), kind);

/** Every YAML document in the manifest files under `root`, with its file. */
async function documentsUnder(root: string): Promise<{ file: string; data: unknown }[]> {
  const found = [];
  for (const path of await filesUnder(root)) {
    if (!/\.ya?ml$/.test(path) || path.startsWith("manifests/iam/")) continue;
    const text = await Deno.readTextFile(join(root, path));
    for (const doc of parseAllDocuments(text) as { toJS(): unknown }[]) {
      found.push({ file: path, data: doc.toJS() });
    }
  }
  return found;
}

function schemaValid(data: unknown): boolean {
  const kind = (data as { kind?: string }).kind ?? "";
  const validate = ajv.getSchema(kind);
  assert.ok(validate !== undefined, `no schema for kind ${kind}`);
  return validate(data) === true;
}

Deno.test("the committed schemas/ are what `deno task schemas` generates", async () => {
  for (const [name, text] of renderSchemas()) {
    const committed = await Deno.readTextFile(join(REPO_ROOT, "schemas", name));
    assert.equal(committed, text, `schemas/${name} is stale: run deno task schemas`);
  }
});

Deno.test("the JSON Schemas accept every valid fixture and the repository's manifests", async () => {
  const docs = [
    ...await documentsUnder(VALID_REPO),
    ...(await documentsUnder(REPO_ROOT)).filter((d) => /^(manifests|releases)\//.test(d.file)),
  ];
  assert.ok(docs.length >= 30);
  for (const { file, data } of docs) {
    const kind = (data as { kind: string }).kind;
    assert.ok(schemaValid(data), `${file}: ${JSON.stringify(ajv.getSchema(kind)?.errors)}`);
  }
});

/** Invalid fixtures whose every document breaks a rule JSON Schema can express. */
const SHAPE_INVALID = [
  "bad-keys-and-empty-values",
  "image-latest",
  "image-untagged",
  "invalid-duration",
  "missing-field",
  "non-positive-count",
  "step-exactly-one",
  "strategy-and-traffic",
  "traffic-three-revisions",
  "unknown-field",
  "weight-range",
  "wrong-type",
];

Deno.test("the JSON Schemas reject the invalid-by-shape fixtures", async () => {
  for (const fixture of SHAPE_INVALID) {
    const docs = await documentsUnder(join(FIXTURES, "invalid", fixture));
    const invalid = docs.filter((d) =>
      (d.data as { metadata?: { name?: string } }).metadata?.name !== "ml-news-model"
    );
    assert.ok(invalid.length > 0, fixture);
    for (const { file, data } of invalid) {
      assert.equal(schemaValid(data), false, `${fixture}/${file}`);
    }
  }
});

Deno.test("fieldNamesAt() lists the fields allowed at a path, through lists and records", () => {
  const release = jsonSchemaOf("LambdaRelease");
  assert.deepEqual(fieldNamesAt(release, ["spec", "strategy", "canary", "steps", 3]), [
    "setWeight",
    "pause",
    "analysis",
  ]);
  assert.deepEqual(fieldNamesAt(jsonSchemaOf("EcsService"), []), [
    "apiVersion",
    "kind",
    "metadata",
    "spec",
  ]);
  assert.deepEqual(fieldNamesAt(release, ["spec", "nope"]), []);
});
