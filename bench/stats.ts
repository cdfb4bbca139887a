/** Summary statistics shared by the benchmarks: one definition of a percentile. */

/** The nearest-rank `p`th percentile (0 < p ≤ 100) of `samples`, in any order; NaN if none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The median (50th percentile, nearest rank). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
