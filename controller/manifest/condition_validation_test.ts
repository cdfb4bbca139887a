import assert from "node:assert/strict";
import { formatProblem, loadRepo } from "./mod.ts";

const REPO = new URL("../../", import.meta.url).pathname;

Deno.test("loadRepo() parses analysis conditions at load and reports file:line:col inside the condition", async () => {
  const root = await Deno.makeTempDir({ prefix: "mlnews-conditions-" });
  try {
    for (const dir of ["manifests", "releases"]) {
      await new Deno.Command("cp", { args: ["-r", `${REPO}${dir}`, `${root}/${dir}`] }).output();
    }
    const file = `${root}/manifests/analysis/lambda-error-rate.yaml`;
    const text = await Deno.readTextFile(file);
    const bad = text.replace(
      "successCondition: result <= stable + 0.01",
      "successCondition: result <= stabel + 0.01",
    );
    assert.notEqual(bad, text);
    await Deno.writeTextFile(file, bad);
    const { problems } = await loadRepo(root);
    const lines = problems.map(formatProblem);
    const line = bad.split("\n").findIndex((l) => l.includes("stabel")) + 1;
    const column = bad.split("\n")[line - 1]!.indexOf("stabel") + 1;
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(
      lines[0]!,
      new RegExp(
        `manifests/analysis/lambda-error-rate\\.yaml:${line}:${column}: spec\\.metrics\\[0\\]\\.successCondition: .*unknown name \`stabel\``,
      ),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
