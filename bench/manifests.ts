/**
 * Manifest validation speed: `loadRepo` over the repository, and over a generated repo
 * of 500 releases (as a large organisation's GitOps repo), plus one-file parse latency.
 */
import { join } from "node:path";
import { loadRepo } from "../controller/manifest/mod.ts";
import { parseManifestFile } from "../controller/manifest/parse_manifest.ts";
import { MAX_FILE_BYTES } from "../controller/manifest/yaml_source.ts";
import { median } from "./stats.ts";

const RELEASES = 500;
const ROOT = new URL("../", import.meta.url).pathname;

async function timed(runs: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function generatedRepo(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "bench-manifests-" });
  for (const dir of ["manifests"]) {
    await Deno.mkdir(join(root, dir), { recursive: true });
    for await (const entry of Deno.readDir(join(ROOT, dir))) {
      if (!entry.isDirectory || entry.name === "iam") continue;
      await Deno.mkdir(join(root, dir, entry.name), { recursive: true });
      for await (const file of Deno.readDir(join(ROOT, dir, entry.name))) {
        await Deno.copyFile(
          join(ROOT, dir, entry.name, file.name),
          join(root, dir, entry.name, file.name),
        );
      }
    }
  }
  const release = await Deno.readTextFile(join(ROOT, "releases/dev/feedback.yaml"));
  await Deno.mkdir(join(root, "releases/dev"), { recursive: true });
  for (let i = 0; i < RELEASES; i++) {
    const text = release.replace("name: feedback", `name: feedback-${i}`)
      .replace("alias: live", `alias: a${i}`);
    await Deno.writeTextFile(join(root, `releases/dev/feedback-${i}.yaml`), text);
  }
  return root;
}

function report(label: string, figure: string): void {
  console.log(`manifests: ${label.padEnd(34)} ${figure}`);
}

export async function run(): Promise<void> {
  const repo = await timed(20, () => loadRepo(ROOT));
  report("loadRepo(this repo)", `median ${median(repo).toFixed(1)} ms`);

  const text = await Deno.readTextFile(join(ROOT, "releases/dev/feedback.yaml"));
  const one = await timed(500, () => parseManifestFile(text, "feedback.yaml"));
  report("parse+validate one release file", `median ${(median(one) * 1000).toFixed(0)} µs`);

  const hostile: Record<string, string> = {
    "alias bomb": [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    ]
      .concat(
        ["c", "d", "e", "f", "g"].map((k, i) =>
          `${k}: &${k} [${Array(9).fill(`*${"bcdef"[i]}`).join(", ")}]`
        ),
      ).join("\n"),
    "deep flow nesting": `a: ${"[".repeat(MAX_FILE_BYTES / 2 - 8)}${
      "]".repeat(MAX_FILE_BYTES / 2 - 8)
    }`,
    "256 KiB file (the cap)": `a: "${"x".repeat(MAX_FILE_BYTES - 16)}"`,
  };
  for (const [name, input] of Object.entries(hostile)) {
    const samples = await timed(5, () => parseManifestFile(input, "hostile.yaml"));
    report(`hostile input: ${name}`, `median ${median(samples).toFixed(1)} ms`);
  }

  const root = await generatedRepo();
  try {
    const big = await timed(5, () => loadRepo(root));
    const { problems } = await loadRepo(root);
    const perRelease = (median(big) * 1000) / RELEASES;
    report(
      `loadRepo(${RELEASES} releases)`,
      `median ${median(big).toFixed(0)} ms (${
        perRelease.toFixed(0)
      } µs per release, ${problems.length} problems)`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await run();
