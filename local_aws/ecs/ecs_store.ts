import type { StateStore } from "../store.ts";
import type { ClusterRecord, EcsState, TaskDefinitionRecord } from "./model.ts";

/**
 * ECS state of an account on disk, sharded so a request reads only what it names: one
 * document per cluster (`ecs/clusters/<name>`: the cluster and its services) and one per task
 * definition family (`ecs/task-definitions/<family>`). An operation declares its scope; the
 * shards are assembled into an EcsState, so operations stay plain functions of the state.
 * All ECS writers of an account share one lock (`ecs`): CreateService spans a cluster and a
 * family, and writes are rare next to reads.
 */
export interface EcsScope {
  readonly clusters: readonly string[];
  /** Task definition families, or every family (ListTaskDefinitions without a prefix). */
  readonly families: readonly string[] | "all";
}

/** Names ECS accepts for clusters and families; anything else cannot exist. */
const NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const CLUSTERS = "ecs/clusters";
const FAMILIES = "ecs/task-definitions";

export class EcsStore {
  constructor(readonly store: StateStore) {}

  /** A snapshot of the shards in `scope`. */
  async read(accountId: string, scope: EcsScope): Promise<EcsState> {
    const docs = await this.#docs(accountId, scope);
    return assemble(await this.store.readMany(accountId, docs));
  }

  /**
   * Runs `change` on the latest shards in `scope` under the account's ECS lock and writes the
   * shards that changed. A change may create clusters and families only inside its scope.
   */
  async update<R>(
    target: { readonly accountId: string; readonly scope: EcsScope },
    change: (state: EcsState) => R | Promise<R>,
  ): Promise<R> {
    const docs = await this.#docs(target.accountId, target.scope);
    return this.store.updateMany(
      { accountId: target.accountId, lock: "ecs", docs },
      async (found) => {
        const state = assemble(found);
        const result = await change(state);
        for (const [name, cluster] of Object.entries(state.clusters)) {
          found.set(inScope(docs, `${CLUSTERS}/${name}`), cluster);
        }
        for (const [family, revisions] of Object.entries(state.taskDefinitions)) {
          found.set(inScope(docs, `${FAMILIES}/${family}`), revisions);
        }
        return result;
      },
    );
  }

  async #docs(accountId: string, scope: EcsScope): Promise<string[]> {
    const clusters = scope.clusters.filter((n) => NAME.test(n)).map((n) => `${CLUSTERS}/${n}`);
    const families = scope.families === "all"
      ? await this.store.list(accountId, FAMILIES)
      : scope.families.filter((n) => NAME.test(n)).map((n) => `${FAMILIES}/${n}`);
    return [...new Set([...clusters, ...families])];
  }
}

function assemble(found: Map<string, unknown>): EcsState {
  const state: EcsState = { clusters: {}, taskDefinitions: {} };
  for (const [doc, value] of found) {
    const name = doc.slice(doc.lastIndexOf("/") + 1);
    if (doc.startsWith(`${CLUSTERS}/`)) state.clusters[name] = value as ClusterRecord;
    else state.taskDefinitions[name] = value as TaskDefinitionRecord[];
  }
  return state;
}

function inScope(docs: readonly string[], doc: string): string {
  if (!docs.includes(doc)) {
    throw new Error(`local AWS bug: an ECS operation changed ${doc} outside its declared scope`);
  }
  return doc;
}
