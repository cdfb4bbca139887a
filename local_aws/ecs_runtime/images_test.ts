import assert from "node:assert/strict";
import { LOCAL_IMAGES, parseImage } from "./images.ts";

Deno.test("parseImage() splits repository and tag, ignoring registry and digest", () => {
  assert.deepEqual(parseImage("ml-news-inference:6e5de30ea0a2"), {
    repository: "ml-news-inference",
    tag: "6e5de30ea0a2",
  });
  assert.deepEqual(
    parseImage("123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml-news-inference:1.0.0@sha256:ab"),
    { repository: "ml-news-inference", tag: "1.0.0" },
  );
  assert.deepEqual(parseImage("registry:5000/team/app"), { repository: "app", tag: "latest" });
});

Deno.test("the inference image runs the Dockerfile's CMD with the model version its tag names", async () => {
  const image = LOCAL_IMAGES["ml-news-inference"]!;
  const dockerfile = await Deno.readTextFile(
    new URL("../../Dockerfile.inference", import.meta.url),
  );
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  assert.deepEqual(["deno", ...image.args], JSON.parse(cmd ?? "[]"));
  assert.equal(image.portVariable, "PORT");
  assert.deepEqual(image.tagEnvironment("6e5de30ea0a2"), { MODEL_VERSION: "6e5de30ea0a2" });
  assert.deepEqual(image.tagEnvironment("6e5de30ea0a2-3f9a1c2b4d5e"), {
    MODEL_VERSION: "6e5de30ea0a2",
  }, "CI's <model>-<commit> tag runs its model");
  assert.deepEqual(image.tagEnvironment("1.0.0"), {}, "not a model version: the current model");
  assert.deepEqual(image.tagEnvironment("2.0.0-fail"), { MODEL_VERSION: "2.0.0-fail" });
});
