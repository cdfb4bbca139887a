/**
 * "Did you mean …?" for misspelt field names, kinds and references: the nearest
 * candidate by edit distance when it is close, or a well-known synonym people bring
 * from Kubernetes, ECS task definitions or Argo Rollouts.
 */

/** Field names people carry over from neighbouring tools, mapped to ours. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  replicas: ["desiredCount"],
  count: ["desiredCount"],
  memory: ["memorySize"],
  env: ["environment"],
  environmentVariables: ["environment"],
  weight: ["setWeight"],
  canaryWeight: ["setWeight", "canaryPercent"],
  wait: ["pause"],
  bake: ["bakeTime"],
  deadline: ["progressDeadline"],
  progressDeadlineSeconds: ["progressDeadline"],
  rollback: ["rollbackPolicy"],
  templateName: ["templates"],
  image: ["revision"],
  version: ["revision"],
  functionName: ["function"],
  serviceName: ["service"],
  name: ["metadata"],
};

/** Words longer than this get no suggestion (no name is that long; keeps hostile input cheap). */
const MAX_WORD = 100;

/**
 * Edit distance counting insertions, deletions, substitutions and transpositions of
 * neighbours (optimal string alignment), so "alais" is one edit from "alias".
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * The candidate the user most likely meant, or `undefined` when none is close.
 * Close means: a known synonym, a case-insensitive match, or an edit distance of at
 * most a third of the word (at least 1, at most 3).
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const pool = [...candidates];
  const synonym = SYNONYMS[word]?.find((s) => pool.includes(s));
  if (synonym !== undefined) return synonym;
  const folded = pool.find((c) => c.toLowerCase() === word.toLowerCase());
  if (folded !== undefined) return folded;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of pool) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** `; did you mean "x"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = suggest(word, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}
