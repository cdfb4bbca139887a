import assert from "node:assert/strict";
import { IMAGE_PATTERN, imageProblem, parseImageRef, REPOSITORY_PATTERN } from "./image_ref.ts";

const DIGEST = `sha256:${"a".repeat(64)}`;

Deno.test("parseImageRef() splits registry/repository, tag and digest", () => {
  assert.deepEqual(parseImageRef("ml-news-inference:1.0.0"), {
    repository: "ml-news-inference",
    tag: "1.0.0",
  });
  assert.deepEqual(parseImageRef(`host:5000/team/app@${DIGEST}`), {
    repository: "host:5000/team/app",
    digest: DIGEST,
  });
  assert.deepEqual(parseImageRef("host:5000/team/app"), { repository: "host:5000/team/app" });
  assert.equal(parseImageRef("Bad Image"), undefined);
});

Deno.test("imageProblem() accepts pinned images and explains every other case", () => {
  const table: [string, string | undefined][] = [
    ["app:1.2.3", undefined],
    [`app@${DIGEST}`, undefined],
    [`registry.example.com:5000/ml/app:v2@${DIGEST}`, undefined],
    ["app", 'expected an image with an explicit tag or digest (like app:1.0.0), found "app"'],
    [
      "app:latest",
      'expected an immutable tag or a digest, found "app:latest" (the tag "latest" is mutable)',
    ],
    [
      `app:latest@${DIGEST}`,
      `expected an immutable tag or a digest alone, found "app:latest@${DIGEST}" (the tag "latest" is mutable)`,
    ],
    [
      "APP:1",
      'expected an image like ml-news-inference:1.0.0 or repo@sha256:<digest>, found "APP:1"',
    ],
  ];
  for (const [text, problem] of table) assert.equal(imageProblem(text), problem, text);
});

Deno.test("IMAGE_PATTERN (published in the JSON Schema) agrees with imageProblem()", () => {
  const pattern = new RegExp(IMAGE_PATTERN);
  const repository = new RegExp(REPOSITORY_PATTERN);
  const samples = [
    "app:1.2.3",
    `app@${DIGEST}`,
    `h:5000/a/b:c@${DIGEST}`,
    "app",
    "app:latest",
    `app:latest@${DIGEST}`,
    "app:latest2",
    "APP:1",
    "a b:1",
    "app:",
    "app@sha256:123",
  ];
  for (const text of samples) {
    assert.equal(pattern.test(text), imageProblem(text) === undefined, text);
    const ref = parseImageRef(text);
    const bare = ref !== undefined && ref.tag === undefined && ref.digest === undefined;
    assert.equal(repository.test(text), bare, text);
  }
});
