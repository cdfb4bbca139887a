import assert from "node:assert/strict";
import { DatasetError, parseAgNews, readAgNews, splitValidation } from "./dataset.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

Deno.test("parseAgNews() maps class 1-4 to labels 0-3 and keeps title and description", async () => {
  const d = await parseAgNews(
    bytes('"3","Oil up","Crude rose."\n"1","Vote","Polls open."\n'),
    "t.csv",
  );
  assert.deepEqual(d.rows, [
    { label: 2, title: "Oil up", text: "Crude rose." },
    { label: 0, title: "Vote", text: "Polls open." },
  ]);
  assert.match(d.digest, /^sha256:[0-9a-f]{64}$/);
});

Deno.test("parseAgNews() reports every malformed row at once", async () => {
  await assert.rejects(
    parseAgNews(bytes('"5","a","b"\n"1","only two"\n"2","ok","ok"\n'), "bad.csv"),
    (e: unknown) => {
      assert.ok(e instanceof DatasetError);
      assert.equal(
        e.message,
        'bad.csv: row 1: expected class 1-4, found "5"; row 2: expected 3 fields, found 2',
      );
      return true;
    },
  );
});

Deno.test("parseAgNews() rejects invalid UTF-8 and empty files", async () => {
  await assert.rejects(parseAgNews(new Uint8Array([0x22, 0xff, 0x22]), "x.csv"), /not valid UTF-8/);
  await assert.rejects(parseAgNews(bytes(""), "x.csv"), /no rows/);
});

Deno.test("readAgNews() names a missing file and the flag that sets its folder", async () => {
  await assert.rejects(
    readAgNews("/nonexistent/train.csv"),
    /\/nonexistent\/train\.csv: not found .*--data/,
  );
});

Deno.test("splitValidation() holds out the tail", () => {
  assert.deepEqual(splitValidation([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2), {
    train: [1, 2, 3, 4, 5, 6, 7, 8],
    validation: [9, 10],
  });
});
