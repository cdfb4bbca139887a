/**
 * Runs `work` over `items` with at most `concurrency` in flight, and hands results to `onResult`
 * in input order as soon as every earlier one is done (so output reads in order).
 */
export async function mapInOrder<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
  options: { readonly concurrency: number; readonly onResult?: (result: R, index: number) => void },
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const finished: boolean[] = new Array(items.length).fill(false);
  let next = 0;
  let emitted = 0;
  const emit = () => {
    while (emitted < items.length && finished[emitted]) {
      options.onResult?.(results[emitted]!, emitted);
      emitted += 1;
    }
  };
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
      finished[index] = true;
      emit();
    }
  };
  const n = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}
