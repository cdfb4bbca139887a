import assert from "node:assert/strict";
import { awsView } from "./aws_view.ts";
import { cliCommand } from "./cli.ts";
import { fixtureRepo } from "./fixture_repo.ts";
import { testLocalAws } from "./local.ts";

/** Reads a child's stderr line by line until `pattern` matches (20 s at most); returns the match. */
async function waitFor(
  lines: AsyncIterator<string>,
  pattern: RegExp,
  seen: string[],
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 20_000;
  while (true) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no line matching ${pattern} within 20 s\n${seen.join("\n")}`)),
        Math.max(0, deadline - Date.now()),
      );
    });
    const next = await Promise.race([lines.next(), timeout]).finally(() => clearTimeout(timer));
    if (next.done) throw new Error(`stream ended before ${pattern}\n${seen.join("\n")}`);
    seen.push(next.value);
    const m = next.value.match(pattern);
    if (m) return m;
  }
}

async function* splitLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
    }
  }
}

Deno.test("reconcile --watch serves metrics, reacts to a manifest edit at once and logs events on transitions only", async () => {
  const repo = await fixtureRepo();
  const aws = await testLocalAws(repo.root);
  const dev = awsView(aws.endpoint, "dev");
  const child = cliCommand(
    repo.root,
    ["reconcile", "--watch", "--interval", "1h", "--metrics-port", "0", "--log-format", "json"],
    { endpoint: aws.endpoint },
  ).spawn();
  const stdout = child.stdout.cancel();
  const lines = splitLines(child.stderr);
  const seen: string[] = [];
  try {
    const url =
      (await waitFor(lines, /"metrics":"(http:\/\/127\.0\.0\.1:\d+)\/metrics"/, seen))[1]!;
    for (let i = 0; i < 8; i++) await waitFor(lines, /"event":"transition"/, seen);
    const ready = await fetch(`${url}/readyz`);
    await ready.body?.cancel();
    assert.equal(ready.status, 200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(
      metrics,
      /controller_runtime_reconcile_total\{controller="release",result="success"\} \d+/,
    );
    assert.match(metrics, /mlnews_release_synced\{environment="dev",release="feedback"\} 1/);
    assert.match(metrics, /workqueue_depth\{name="release"\} 0/);

    const hex = await repo.artifact("model", "model v2");
    await repo.setRevision("dev", "model", hex);
    await waitFor(lines, /"msg":"pass triggered: manifest change/, seen);
    const event = await waitFor(lines, /"event":"transition".*"release":"dev\/model"/, seen);
    assert.ok(event, "an event for the release that changed");
    const alias = await dev.lambda.getAlias("ml-news-model", "live");
    assert.deepEqual(alias!.routing, { primary: "1", extra: { version: "2", weight: 10 } });
    // Two passes ran; releases whose state did not change logged one event, not one per pass.
    const events = seen.filter((l) => l.includes('"event":"transition"'));
    for (const release of ["dev/evaluation", "dev/feedback", "production/model"]) {
      assert.equal(events.filter((l) => l.includes(`"release":"${release}"`)).length, 1, release);
    }
    assert.equal(events.filter((l) => l.includes('"release":"dev/model"')).length, 2);
  } finally {
    child.kill("SIGTERM");
    // A controller that ignores SIGTERM must not hang the suite: SIGKILL after 10 s (and fail).
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const status = await child.status;
    clearTimeout(killer);
    await stdout;
    for await (const _ of lines) { /* drain */ }
    dev.close();
    await aws.close();
    await repo.remove();
    assert.equal(status.code, 0, "SIGTERM stops the loop cleanly");
  }
});
