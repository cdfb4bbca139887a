/**
 * Disk state of local AWS: JSON documents per account (`<stateDir>/<accountId>/<doc>.json`,
 * where a document name may contain `/`, e.g. `lambda/<function>`) plus content-addressed
 * blobs (Lambda ZIPs).
 *
 * Safe for concurrent requests in one process and for several processes sharing a state
 * directory (a `local-aws` server and a one-shot reconcile with in-process local AWS):
 * every write runs under an exclusive `flock` on `<service>.lock` (after an in-process queue,
 * so waiting requests do not each hold a blocked thread), re-reads the document, applies the
 * change and replaces the file atomically (write to a temporary file, then rename). Readers
 * never lock: a rename is atomic, so a reader sees the old or the new document, never half.
 */
export interface StateStoreOptions {
  readonly stateDir: string;
}

export class StateStore {
  readonly stateDir: string;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: StateStoreOptions) {
    this.stateDir = options.stateDir;
  }

  /** Path of the folder holding one account's files. */
  accountDir(accountId: string): string {
    return `${this.stateDir}/${accountId}`;
  }

  /** A snapshot of a document, or `init()` when it does not exist yet. */
  async read<T>(accountId: string, service: string, init: () => T): Promise<T> {
    const path = this.#docPath(accountId, service);
    const text = await readText(path);
    return text === undefined ? init() : parseDoc<T>(path, text);
  }

  /**
   * Runs `change` on the latest version of a document under the account+service lock and
   * writes the result if it changed. `change` mutates the document in place and returns the
   * response; if it throws, nothing is written.
   */
  update<T, R>(
    accountId: string,
    service: string,
    init: () => T,
    change: (doc: T) => R | Promise<R>,
  ): Promise<R> {
    const key = `${accountId}/${service}`;
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() =>
      this.#locked(accountId, service, async () => {
        const path = this.#docPath(accountId, service);
        const before = await readText(path);
        const doc = before === undefined ? init() : parseDoc<T>(path, before);
        const result = await change(doc);
        const after = JSON.stringify(doc);
        if (after !== before) await writeAtomic(path, after);
        return result;
      })
    );
    this.#queues.set(key, run);
    run.finally(() => {
      if (this.#queues.get(key) === run) this.#queues.delete(key);
    }).catch(() => {});
    return run;
  }

  /** Stores bytes under a content key (e.g. a sha256 hex) for one account. */
  async writeBlob(accountId: string, key: string, bytes: Uint8Array): Promise<string> {
    const path = this.blobPath(accountId, key);
    try {
      await Deno.stat(path);
      return path;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await Deno.mkdir(`${this.accountDir(accountId)}/blobs`, { recursive: true });
    const tmp = `${path}.${crypto.randomUUID()}.tmp`;
    await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, path);
    return path;
  }

  /** Where the blob stored under `key` lives (a runtime reads Lambda ZIPs from there). */
  blobPath(accountId: string, key: string): string {
    return `${this.accountDir(accountId)}/blobs/${key}`;
  }

  /** Deletes all state of all accounts. */
  async reset(): Promise<void> {
    try {
      await Deno.remove(this.stateDir, { recursive: true });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }

  #docPath(accountId: string, service: string): string {
    return `${this.accountDir(accountId)}/${service}.json`;
  }

  async #locked<R>(accountId: string, service: string, body: () => Promise<R>): Promise<R> {
    const path = `${this.accountDir(accountId)}/${service}.lock`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    const lock = await Deno.open(path, {
      create: true,
      write: true,
    });
    try {
      await lock.lock(true);
      return await body();
    } finally {
      lock.close(); // closing the descriptor releases the flock
    }
  }
}

/** Thrown when a state file is not valid JSON (edited by hand, or not local AWS's). */
export class CorruptStateError extends Error {
  override readonly name = "CorruptStateError";

  constructor(readonly path: string, cause: unknown) {
    super(
      `local AWS state file ${path} is not valid JSON (${(cause as Error).message}); ` +
        "fix or delete it, or clear all state with `deno task local-aws reset`",
    );
  }
}

function parseDoc<T>(path: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CorruptStateError(path, error);
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  await Deno.writeTextFile(tmp, text);
  await Deno.rename(tmp, path);
}
