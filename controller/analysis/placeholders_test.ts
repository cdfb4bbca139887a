import assert from "node:assert/strict";
import { expand, isPerVersion, windowDuration } from "./placeholders.ts";

const values = {
  env: { BASE: "http://127.0.0.1:9000" },
  version: "4",
  target: "canary" as const,
  function: "ml-news-feedback",
  alias: "live",
  window: "90s",
};

Deno.test("expand() fills env, version, target, function, alias and window", () => {
  assert.equal(
    expand(
      "{{env.BASE}}/v?t={{ target }}&v={{version}}&f={{function}}:{{alias}}&w={{window}}",
      values,
    ),
    "http://127.0.0.1:9000/v?t=canary&v=4&f=ml-news-feedback:live&w=90s",
  );
  assert.equal(expand("no placeholders", values), "no placeholders");
});

Deno.test("expand() names an unset variable or an unknown placeholder", () => {
  assert.throws(() => expand("{{env.MISSING}}", values), /environment variable MISSING is not set/);
  assert.throws(
    () => expand("{{canary}}", values),
    /unknown placeholder \{\{canary\}\}; expected env\.NAME/,
  );
  assert.throws(
    () => expand("{{alias}}", { env: {} }),
    /\{\{alias\}\} has no value for this release/,
  );
});

Deno.test("isPerVersion() is true only when the text depends on the measured version", () => {
  assert.equal(isPerVersion("x?target={{target}}"), true);
  assert.equal(isPerVersion("{{ version }}"), true);
  assert.equal(isPerVersion("{{env.BASE}}/x?target=canary"), false);
});

Deno.test("windowDuration() rounds to whole seconds, at least one", () => {
  assert.equal(windowDuration({ start: 0, end: 90_400 }), "90s");
  assert.equal(windowDuration({ start: 0, end: 10 }), "1s");
});
