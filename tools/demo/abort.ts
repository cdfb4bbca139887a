/** Ending the demo early: Ctrl-C aborts a signal; the demo checks it between steps. */
export class DemoAborted extends Error {
  override readonly name = "DemoAborted";
}

export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DemoAborted("demo aborted");
}

/** Waits `ms`, or less when the signal aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
