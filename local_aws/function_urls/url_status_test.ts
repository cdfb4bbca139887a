import assert from "node:assert/strict";
import { functionUrlStatus } from "./url_status.ts";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

Deno.test("functionUrlStatus() is the handler's statusCode, 200 for other JSON, 502 for errors", () => {
  assert.equal(functionUrlStatus({ payload: bytes({ statusCode: 500, body: "" }) }), 500);
  assert.equal(functionUrlStatus({ payload: bytes({ statusCode: 201 }) }), 201);
  assert.equal(functionUrlStatus({ payload: bytes({ ok: true }) }), 200);
  assert.equal(functionUrlStatus({ payload: bytes("text") }), 200);
  assert.equal(functionUrlStatus({ payload: new TextEncoder().encode("{not json") }), 502);
  assert.equal(
    functionUrlStatus({ payload: bytes({ errorType: "Error" }), functionError: "Unhandled" }),
    502,
  );
});
