import assert from "node:assert/strict";
import { watchChanges } from "./change_trigger.ts";

Deno.test("watchChanges() wakes a wait when a release file changes", async () => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/releases/dev`, { recursive: true });
  await Deno.mkdir(`${root}/manifests`);
  const trigger = watchChanges(root, { headPollMs: 60_000 });
  try {
    const waiting = trigger.wait(30_000, new AbortController().signal);
    await new Promise((r) => setTimeout(r, 50));
    await Deno.writeTextFile(`${root}/releases/dev/feedback.yaml`, "kind: LambdaRelease\n");
    assert.match((await waiting) ?? "", /^manifest change \(releases\/dev\/feedback\.yaml/);
  } finally {
    trigger.close();
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("watchChanges() returns at once when the stop signal was already given (SIGTERM during a pass)", async () => {
  const root = await Deno.makeTempDir();
  const trigger = watchChanges(root, { headPollMs: 60_000 });
  try {
    const stop = new AbortController();
    stop.abort();
    const started = performance.now();
    assert.equal(await trigger.wait(3_600_000, stop.signal), null);
    assert.ok(performance.now() - started < 1000);
  } finally {
    trigger.close();
    await Deno.remove(root, { recursive: true });
  }
});
