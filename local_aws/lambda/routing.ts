import type { AliasRecord } from "./model.ts";

/**
 * The version one invocation of an alias runs: the additional version with probability equal
 * to its weight, otherwise the primary — drawn per invocation, as Lambda does.
 * `random` returns a number in [0, 1).
 */
export function pickVersion(alias: AliasRecord, random: () => number): string {
  const [entry] = Object.entries(alias.weights ?? {});
  if (!entry) return alias.functionVersion;
  const [version, weight] = entry;
  return random() < weight ? version : alias.functionVersion;
}
