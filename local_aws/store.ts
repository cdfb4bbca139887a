/**
 * Disk state of local AWS: JSON documents per account (`<stateDir>/<accountId>/<doc>.json`,
 * where a document name may contain `/`, e.g. `lambda/<function>`) plus content-addressed
 * blobs (Lambda ZIPs).
 *
 * Safe for concurrent requests in one process and for several processes sharing a state
 * directory (a `local-aws` server and a one-shot reconcile with in-process local AWS):
 * every write runs under an exclusive `flock` on a lock file (after an in-process queue, so
 * waiting requests do not each hold a blocked thread), re-reads the documents, applies the
 * change and replaces each changed file atomically (write to a temporary file, then rename).
 * Readers never lock: a rename is atomic, so a reader sees the old or the new document.
 */
export interface StateStoreOptions {
  readonly stateDir: string;
}

/** One document of one account. */
export interface DocRef {
  readonly accountId: string;
  /** Document name: letters, digits, `-`, `_`, with `/` between folders. */
  readonly doc: string;
}

/** Documents changed together under one lock. */
export interface DocScope {
  readonly accountId: string;
  /** Name of the lock file (without `.lock`) that serializes writers of these documents. */
  readonly lock: string;
  readonly docs: readonly string[];
}

const DOC_NAME = /^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_-]+)*$/;

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
  async read<T>(ref: DocRef, init: () => T): Promise<T> {
    const path = this.#docPath(ref.accountId, ref.doc);
    const text = await readText(path);
    return text === undefined ? init() : parseDoc<T>(path, text);
  }

  /** Snapshots of several documents; absent ones are missing from the map. */
  async readMany(accountId: string, docs: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    await Promise.all(docs.map(async (doc) => {
      const path = this.#docPath(accountId, doc);
      const text = await readText(path);
      if (text !== undefined) found.set(doc, parseDoc(path, text));
    }));
    return found;
  }

  /** Names of the documents directly in a folder, e.g. `ecs/task-definitions`. */
  async list(accountId: string, folder: string): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(`${this.accountDir(accountId)}/${folder}`)) {
        if (entry.isFile && entry.name.endsWith(".json")) {
          names.push(`${folder}/${entry.name.slice(0, -5)}`);
        }
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    return names.sort();
  }

  /**
   * Runs `change` on the latest version of a document under its own lock and writes it if it
   * changed. `change` mutates the document in place and returns the response; if it throws,
   * nothing is written.
   */
  update<T, R>(
    ref: DocRef & { readonly init: () => T },
    change: (doc: T) => R | Promise<R>,
  ): Promise<R> {
    return this.updateMany(
      { accountId: ref.accountId, lock: ref.doc, docs: [ref.doc] },
      async (docs) => {
        if (!docs.has(ref.doc)) docs.set(ref.doc, ref.init());
        return await change(docs.get(ref.doc) as T);
      },
    );
  }

  /**
   * Runs `change` on the latest versions of `scope.docs` (absent ones missing from the map;
   * `change` may add them) under `scope.lock`, then writes every document whose JSON changed.
   * If `change` throws, nothing is written.
   */
  updateMany<R>(
    scope: DocScope,
    change: (docs: Map<string, unknown>) => R | Promise<R>,
  ): Promise<R> {
    const key = `${scope.accountId}/${scope.lock}`;
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() =>
      this.#locked(scope, async () => {
        const before = new Map<string, string>();
        const docs = new Map<string, unknown>();
        for (const doc of scope.docs) {
          const path = this.#docPath(scope.accountId, doc);
          const text = await readText(path);
          if (text === undefined) continue;
          before.set(doc, text);
          docs.set(doc, parseDoc(path, text));
        }
        const result = await change(docs);
        for (const doc of scope.docs) {
          if (!docs.has(doc)) continue;
          const after = JSON.stringify(docs.get(doc));
          if (after !== before.get(doc)) {
            await writeAtomic(this.#docPath(scope.accountId, doc), after);
          }
        }
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
  async writeBlob(
    accountId: string,
    blob: { readonly key: string; readonly bytes: Uint8Array },
  ): Promise<string> {
    const path = this.blobPath(accountId, blob.key);
    try {
      await Deno.stat(path);
      return path;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await Deno.mkdir(`${this.accountDir(accountId)}/blobs`, { recursive: true });
    const tmp = `${path}.${crypto.randomUUID()}.tmp`;
    await Deno.writeFile(tmp, blob.bytes);
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

  #docPath(accountId: string, doc: string): string {
    if (!/^\d{12}$/.test(accountId) || !DOC_NAME.test(doc)) {
      throw new RangeError(`invalid state document ${accountId}/${doc}`);
    }
    return `${this.accountDir(accountId)}/${doc}.json`;
  }

  async #locked<R>(scope: DocScope, body: () => Promise<R>): Promise<R> {
    const path = this.#docPath(scope.accountId, scope.lock).replace(/\.json$/, ".lock");
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    for (const doc of scope.docs) {
      const docPath = this.#docPath(scope.accountId, doc);
      await Deno.mkdir(docPath.slice(0, docPath.lastIndexOf("/")), { recursive: true });
    }
    const lock = await Deno.open(path, { create: true, write: true });
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
