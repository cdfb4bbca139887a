/**
 * Signals an immediate pass when manifests change on disk or git HEAD moves. `next()` resolves
 * on the first change after it was called (or when `signal` aborts).
 */
import { gitHead } from "../git_head.ts";

export interface ChangeTrigger {
  /** Resolves with what changed, or `null` when the wait ended without a change. */
  wait(ms: number, signal: AbortSignal): Promise<string | null>;
  close(): void;
}

export function watchChanges(
  root: string,
  options: { readonly headPollMs?: number } = {},
): ChangeTrigger {
  let pending: string | null = null;
  let wake: (() => void) | null = null;
  const notify = (what: string) => {
    pending ??= what;
    wake?.();
  };
  const watchers: Deno.FsWatcher[] = [];
  for (const dir of ["manifests", "releases"]) {
    try {
      const watcher = Deno.watchFs(`${root}/${dir}`, { recursive: true });
      watchers.push(watcher);
      (async () => {
        try {
          for await (const event of watcher) {
            if (event.kind === "access") continue;
            notify(
              `manifest change (${event.paths.map((p) => p.slice(root.length + 1)).join(", ")})`,
            );
          }
        } catch { /* closed */ }
      })();
    } catch { /* directory missing: validation reports it */ }
  }
  let head: string | null | undefined;
  const poll = setInterval(async () => {
    const now = await gitHead(root);
    if (head !== undefined && now !== head) notify(`git HEAD moved to ${now?.slice(0, 12)}`);
    head = now;
  }, options.headPollMs ?? 2000);

  return {
    wait(ms, signal) {
      if (pending) {
        const what = pending;
        pending = null;
        return Promise.resolve(what);
      }
      if (signal.aborted) return Promise.resolve(null);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", done);
          wake = null;
          const what = pending;
          pending = null;
          resolve(what);
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener("abort", done, { once: true });
        wake = done;
      });
    },
    close() {
      clearInterval(poll);
      for (const w of watchers) {
        try {
          w.close();
        } catch { /* already closed */ }
      }
    },
  };
}
