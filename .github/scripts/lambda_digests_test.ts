import assert from "node:assert/strict";
import { join } from "node:path";
import { parsePackageOutput, verifyZips } from "./lambda_digests.ts";

const HEX = "9f".repeat(32);

Deno.test("parsePackageOutput() reads the packager's '<package> sha256:<hex>' lines", () => {
  const text = `feedback sha256:${HEX}\nmodel sha256:${"0".repeat(64)}\n`;
  assert.deepEqual(parsePackageOutput(text), {
    feedback: `sha256:${HEX}`,
    model: `sha256:${"0".repeat(64)}`,
  });
});

Deno.test("parsePackageOutput() rejects other output, duplicates and silence", () => {
  assert.throws(() => parsePackageOutput("feedback 4f1c\n"), /line 1: expected "<package> sha256/);
  assert.throws(
    () => parsePackageOutput(`feedback sha256:${HEX}\nfeedback sha256:${HEX}`),
    /line 2: feedback printed twice/,
  );
  assert.throws(() => parsePackageOutput("\n"), /printed no ZIP/);
});

Deno.test("verifyZips() accepts a ZIP named by its digest and rejects a tampered one", async () => {
  const root = await Deno.makeTempDir({ prefix: "lambda-digests-" });
  try {
    const bytes = new TextEncoder().encode("PK fake zip bytes");
    const hex = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    await Deno.mkdir(join(root, "dist/lambda/feedback"), { recursive: true });
    await Deno.writeFile(join(root, `dist/lambda/feedback/${hex}.zip`), bytes);
    await verifyZips(root, { feedback: `sha256:${hex}` });

    await Deno.writeFile(join(root, `dist/lambda/feedback/${hex}.zip`), new Uint8Array([1, 2]));
    await assert.rejects(verifyZips(root, { feedback: `sha256:${hex}` }), /its sha256 is /);
    await assert.rejects(verifyZips(root, { model: `sha256:${hex}` }), /NotFound|No such file/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
