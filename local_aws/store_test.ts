import assert from "node:assert/strict";
import { CorruptStateError, StateStore } from "./store.ts";

async function withStore(body: (store: StateStore, dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "local-aws-store-" });
  try {
    await body(new StateStore({ stateDir: dir }), dir);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {}); // reset() may have removed it
  }
}

const counter = () => ({ n: 0 });

Deno.test("StateStore.update() serializes concurrent changes from two stores: none is lost", async () => {
  await withStore(async (store, dir) => {
    const other = new StateStore({ stateDir: dir });
    await Promise.all(
      Array.from(
        { length: 60 },
        (_, i) =>
          (i % 2 ? store : other).update(
            { accountId: "000000000001", doc: "test", init: counter },
            async (doc) => {
              const seen = doc.n;
              await new Promise((r) => setTimeout(r, 0)); // yield mid-change
              doc.n = seen + 1;
            },
          ),
      ),
    );
    assert.equal((await store.read({ accountId: "000000000001", doc: "test" }, counter)).n, 60);
  });
});

Deno.test("StateStore.update() writes nothing when the change throws", async () => {
  await withStore(async (store) => {
    await store.update(
      { accountId: "000000000001", doc: "test", init: counter },
      (doc) => void (doc.n = 1),
    );
    await assert.rejects(
      store.update({ accountId: "000000000001", doc: "test", init: counter }, (doc) => {
        doc.n = 99;
        throw new Error("rejected input");
      }),
      /rejected input/,
    );
    assert.equal((await store.read({ accountId: "000000000001", doc: "test" }, counter)).n, 1);
  });
});

Deno.test("StateStore names a corrupt state file and how to recover", async () => {
  await withStore(async (store, dir) => {
    await Deno.mkdir(`${dir}/000000000001`, { recursive: true });
    await Deno.writeTextFile(`${dir}/000000000001/test.json`, "{ not json");
    await assert.rejects(
      store.read({ accountId: "000000000001", doc: "test" }, counter),
      (e: unknown) =>
        e instanceof CorruptStateError && e.path.endsWith("000000000001/test.json") &&
        /deno task local-aws reset/.test(e.message),
    );
  });
});

Deno.test("StateStore.reset() removes every account's state", async () => {
  await withStore(async (store) => {
    await store.update(
      { accountId: "000000000001", doc: "test", init: counter },
      (doc) => void (doc.n = 5),
    );
    await store.reset();
    assert.equal((await store.read({ accountId: "000000000001", doc: "test" }, counter)).n, 0);
  });
});
