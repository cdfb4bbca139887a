/**
 * The demo's quick timings, as textual edits of the workspace copy of the manifests: minutes
 * become seconds so every canary finishes within the demo's three minutes, and the inference
 * service runs one task to spare the machine. At the demo's 30 requests/s a 10 % canary gets
 * about 9 feedback posts in a 3 s interval, over `minSamples`, so analysis can decide at 10 %.
 * Each edit must change its file, so a manifest reworded upstream fails loudly here instead of
 * leaving a five-minute pause in the demo.
 */
export interface ManifestEdit {
  /** Path relative to the repository root. */
  readonly file: string;
  /** Every match is replaced (a string matches literally). */
  readonly from: string | RegExp;
  readonly to: string;
}

const perEnvironment = (file: string, from: RegExp, to: string): ManifestEdit[] =>
  ["dev", "production"].map((env) => ({ file: `releases/${env}/${file}`, from, to }));

export const DEMO_MANIFEST_EDITS: readonly ManifestEdit[] = [
  ...perEnvironment("feedback.yaml", /pause: \{ duration: \w+ \}/g, "pause: { duration: 2s }"),
  ...perEnvironment("inference.yaml", /bakeTime: \w+/g, "bakeTime: 5s"),
  { file: "manifests/services/inference.yaml", from: /desiredCount: \d+/, to: "desiredCount: 1" },
  {
    file: "manifests/analysis/lambda-error-rate.yaml",
    from: /interval: \w+/g,
    to: "interval: 3s",
  },
  { file: "manifests/analysis/lambda-error-rate.yaml", from: /count: \d+/g, to: "count: 2" },
  {
    file: "manifests/analysis/lambda-error-rate.yaml",
    from: /initialDelay: \w+/g,
    to: "initialDelay: 1s",
  },
  {
    file: "manifests/analysis/lambda-error-rate.yaml",
    from: /minSamples: \d+/g,
    to: "minSamples: 6",
  },
  { file: "manifests/analysis/inference-quality.yaml", from: /interval: \w+/g, to: "interval: 3s" },
  { file: "manifests/analysis/inference-quality.yaml", from: /count: \d+/g, to: "count: 1" },
];

/** `text` with `edit` applied; throws when the edit finds nothing to replace. */
export function applyEdit(text: string, edit: ManifestEdit): string {
  const next = typeof edit.from === "string"
    ? text.replaceAll(edit.from, edit.to)
    : text.replace(edit.from, edit.to);
  if (next === text && !text.includes(edit.to)) {
    throw new Error(
      `${edit.file}: expected text matching ${String(edit.from)} to replace with ${
        JSON.stringify(edit.to)
      }, found none`,
    );
  }
  return next;
}
