/**
 * Fuzz-style: random mutations of valid manifests (fixed seed, so failures reproduce)
 * must end in problems or in success — never a throw, a crash or a hang.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { buildRepo } from "./build_repo.ts";
import { parseManifestFile } from "./parse_manifest.ts";
import { filesUnder, REPO_ROOT, VALID_REPO } from "./testing.ts";
import { MAX_FILE_BYTES } from "./yaml_source.ts";

const SEED = 20261126;
const CASES = 400;

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seedTexts(): Promise<{ path: string; text: string }[]> {
  const found = [];
  for (const root of [VALID_REPO, REPO_ROOT]) {
    for (const path of await filesUnder(root)) {
      if (!/^(manifests|releases)\/.*\.yaml$/.test(path) || path.startsWith("manifests/iam/")) {
        continue;
      }
      found.push({ path, text: await Deno.readTextFile(join(root, path)) });
    }
  }
  return found;
}

type Mutation = (text: string, rnd: () => number) => string;

const pick = <T>(items: readonly T[], rnd: () => number): T =>
  items[Math.floor(rnd() * items.length)] as T;

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...paths(child, path)];
  });
}

const VALUES: readonly unknown[] = [
  0,
  -1,
  150,
  1.5,
  "",
  "5 minutes",
  "latest",
  true,
  null,
  [],
  {},
  [1, "two"],
  { unexpected: "field" },
];

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  deleteKey(text, rnd) {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return MUTATIONS["deleteLine"]!(text, rnd);
    const all = paths(doc.toJS());
    if (all.length > 0) doc.deleteIn(pick(all, rnd));
    return String(doc);
  },
  swapType(text, rnd) {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return MUTATIONS["renameKey"]!(text, rnd);
    const all = paths(doc.toJS());
    if (all.length > 0) doc.setIn(pick(all, rnd), pick(VALUES, rnd));
    return String(doc);
  },
  renameKey(text, rnd) {
    const lines = text.split("\n");
    const i = Math.floor(rnd() * lines.length);
    lines[i] = (lines[i] ?? "").replace(/([A-Za-z]+):/, (_, key: string) => `${key}x:`);
    return lines.join("\n");
  },
  deleteLine(text, rnd) {
    const lines = text.split("\n");
    lines.splice(Math.floor(rnd() * lines.length), 1);
    return lines.join("\n");
  },
  garbageBytes(text, rnd) {
    const bytes = new TextEncoder().encode(text);
    const out = [...bytes];
    for (let n = 1 + Math.floor(rnd() * 8); n > 0; n--) {
      out.splice(Math.floor(rnd() * out.length), 0, Math.floor(rnd() * 256));
    }
    return new TextDecoder().decode(new Uint8Array(out));
  },
  yamlTokens(text, rnd) {
    const tokens = ["&a ", "*a", "*missing", "!!binary ", "? ", "|", ">-", "%YAML 1.1\n", "---\n"];
    const at = Math.floor(rnd() * text.length);
    return text.slice(0, at) + pick(tokens, rnd) + text.slice(at) + pick(["\t", "...\n", ""], rnd);
  },
  truncate(text, rnd) {
    return text.slice(0, Math.floor(rnd() * text.length));
  },
  hugeFile(text, rnd) {
    return rnd() < 0.5
      ? text.repeat(Math.ceil((MAX_FILE_BYTES + 1) / text.length))
      : `${text}\nfiller: "${"x".repeat(MAX_FILE_BYTES - text.length - 20)}"\n`;
  },
  deepFlow(text, rnd) {
    const depth = 10 + Math.floor(rnd() * 20_000);
    const [open, close] = rnd() < 0.5 ? ["[", "]"] : ["{a: ", "}"];
    return `${text}\ndeep: ${open.repeat(depth)}${rnd() < 0.5 ? close.repeat(depth) : ""}\n`;
  },
  deepCompact(text, rnd) {
    const depth = 10 + Math.floor(rnd() * 50_000);
    return `${text}\ndeep:\n  ${pick(["- ", "? ", "- ? "], rnd).repeat(depth)}x\n`;
  },
  deepBlock(text, rnd) {
    const depth = 10 + Math.floor(rnd() * 300);
    const lines = Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k${i}:`);
    return `${text}\n${lines.join("\n")} end\n`;
  },
  aliasBomb(_text, rnd) {
    const width = 2 + Math.floor(rnd() * 9);
    const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(", ")}]`];
    for (let i = 1; i < 4 + Math.floor(rnd() * 8); i++) {
      lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(", ")}]`);
    }
    return `apiVersion: deploy.mlnews.dev/v1alpha1\nkind: EcsService\n${lines.join("\n")}\n`;
  },
};

Deno.test("parseManifestFile() and buildRepo() end in problems or success for 400 mutated manifests", async () => {
  const seeds = await seedTexts();
  const rnd = random(SEED);
  const names = Object.keys(MUTATIONS);
  const outcomes = { problems: 0, success: 0 };
  const files = [];
  for (let i = 0; i < CASES; i++) {
    const seed = pick(seeds, rnd);
    const name = names[i % names.length] as string;
    const text = (MUTATIONS[name] as Mutation)(seed.text, rnd);
    const label = `case ${i} (${name} of ${seed.path})`;
    let parsed;
    try {
      parsed = parseManifestFile(text, seed.path);
    } catch (error) {
      assert.fail(`${label} threw: ${error instanceof Error ? error.stack : error}`);
    }
    for (const p of parsed.problems) {
      assert.ok(p.line >= 1 && p.column >= 1 && p.message.length > 0, `${label}: ${p.message}`);
    }
    assert.ok(parsed.problems.length > 0 || parsed.manifests.length > 0, `${label}: no outcome`);
    outcomes[parsed.problems.length > 0 ? "problems" : "success"]++;
    files.push({ path: seed.path, manifests: parsed.manifests, invalid: parsed.invalid });
  }
  const built = buildRepo(".", files);
  assert.ok(built.problems.every((p) => p.message.length > 0));
  // Both outcomes occur: the mutations are neither all harmless nor all fatal.
  assert.ok(outcomes.problems > CASES / 2 && outcomes.success > 0, JSON.stringify(outcomes));
});
