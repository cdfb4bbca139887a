import assert from "node:assert/strict";
import { serveTaskArgv } from "./server_process_test_helper.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const text = await Deno.readTextFile(`${ROOT}Dockerfile.inference`);

/** Instructions with line continuations joined and comments dropped. */
const instructions = text
  .replace(/\\\n(\s*#.*\n)*/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l !== "" && !l.startsWith("#"))
  .map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op!.toUpperCase(), args: rest.join(" ") };
  });

const args = new Map(
  instructions.filter((i) => i.op === "ARG").map((i) => i.args.split("=") as [string, string]),
);
const expand = (s: string) => s.replace(/\$\{(\w+)\}/g, (_, n) => args.get(n) ?? `\${${n}}`);

Deno.test("Dockerfile.inference runs exactly the command of `deno task serve inference`", async () => {
  const cmd = instructions.filter((i) => i.op === "CMD").at(-1)!;
  assert.deepEqual(JSON.parse(cmd.args), [...await serveTaskArgv(), "inference"]);
});

Deno.test("every file Dockerfile.inference copies from the build context exists", async () => {
  const copies = instructions.filter((i) => i.op === "COPY" && !i.args.includes("--from"));
  assert.ok(copies.length >= 5);
  for (const copy of copies) {
    const parts = expand(copy.args).split(/\s+/).filter((p) => !p.startsWith("--"));
    for (const source of parts.slice(0, -1)) {
      if (source.includes("*")) {
        const [dir, pattern] = [
          source.slice(0, source.lastIndexOf("/")),
          source.slice(source.lastIndexOf("/") + 1),
        ];
        const re = new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`);
        const matches = [...Deno.readDirSync(`${ROOT}${dir}`)].filter((e) => re.test(e.name));
        assert.ok(matches.length > 0, `${source} matches nothing`);
      } else {
        assert.ok(await Deno.stat(`${ROOT}${source}`), source);
      }
    }
  }
});

Deno.test("Dockerfile.inference carries the current model and serves it", async () => {
  const current = (await Deno.readTextFile(`${ROOT}ml/models/CURRENT`)).trim();
  assert.equal(args.get("MODEL_VERSION"), current);
  await Deno.stat(`${ROOT}ml/models/${current}/model.onnx`);
  assert.match(text, /MODEL_VERSION=\$\{MODEL_VERSION\}/);
});

Deno.test("Dockerfile.inference is pinned, non-root, exposes 8080 and health-checks /healthz", () => {
  const froms = instructions.filter((i) => i.op === "FROM");
  for (const from of froms) assert.match(from.args, /^denoland\/deno:\d+\.\d+\.\d+( AS \w+)?$/);
  const users = instructions.filter((i) => i.op === "USER");
  assert.ok(users.length > 0 && users.at(-1)!.args !== "root");
  assert.ok(instructions.some((i) => i.op === "EXPOSE" && i.args === "8080"));
  assert.match(instructions.find((i) => i.op === "HEALTHCHECK")!.args, /\/healthz/);
  assert.match(text, /rm -rf darwin win32 linux\/arm64/);
});
