/**
 * Extracted deployment packages: each version's ZIP is unpacked once into
 * `<dir>/<hex sha256>/` (the `LAMBDA_TASK_ROOT` of its environments) and reused by every warm
 * environment of every version with the same code.
 */
import { unzipSync } from "fflate";
import { dirname, join, normalize, resolve } from "node:path";

export class TaskRoots {
  readonly #dir: string;
  readonly #ready = new Map<string, Promise<string>>();

  constructor(dir: string) {
    this.#dir = resolve(dir);
  }

  /** The task root of a ZIP, extracting it on first use; `key` names the code (its digest). */
  rootOf(key: string, zipPath: string): Promise<string> {
    let ready = this.#ready.get(key);
    if (!ready) {
      ready = this.#extract(key, zipPath);
      ready.catch(() => this.#ready.delete(key));
      this.#ready.set(key, ready);
    }
    return ready;
  }

  /** Deletes every extracted package. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#ready.values());
    await Deno.remove(this.#dir, { recursive: true }).catch(() => {});
  }

  async #extract(key: string, zipPath: string): Promise<string> {
    const root = join(this.#dir, key.replace(/[^a-zA-Z0-9_-]/g, "_"));
    const files = unzipSync(await Deno.readFile(zipPath));
    for (const [path, bytes] of Object.entries(files)) {
      if (path.endsWith("/")) continue;
      const target = normalize(join(root, path));
      if (!target.startsWith(root + "/")) {
        throw new Error(`deployment package entry escapes the task root: ${path}`);
      }
      await Deno.mkdir(dirname(target), { recursive: true });
      await Deno.writeFile(target, bytes);
    }
    return root;
  }
}
