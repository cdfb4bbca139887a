import assert from "node:assert/strict";
import { Hono } from "hono";
import { lambdaHandler, toHttpEvent, toResponse, UnsupportedEventError } from "./mod.ts";

function echoApp(): Hono {
  const app = new Hono();
  app.all("/echo/*", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json({
      method: c.req.method,
      url: c.req.url,
      query: c.req.queries(),
      cookie: c.req.header("cookie") ?? null,
      requestId: c.req.header("x-request-id") ?? null,
      bodyBytes: [...body],
    });
  });
  app.get("/binary", () =>
    new Response(new Uint8Array([0, 255, 1, 128]), {
      headers: { "content-type": "application/octet-stream" },
    }));
  app.get("/cookies", (c) => {
    c.header("set-cookie", "a=1; Path=/", { append: true });
    c.header("set-cookie", "b=2; Path=/", { append: true });
    return c.text("ok");
  });
  return app;
}

/** A function URL event as AWS documents it (payload format 2.0), for a JSON POST. */
const documentedEvent = {
  version: "2.0",
  routeKey: "$default",
  rawPath: "/echo/my/path",
  rawQueryString: "parameter1=value1&parameter1=value2&parameter2=value",
  cookies: ["cookie1=x", "cookie2=y"],
  headers: { "content-type": "application/json", "header1": "value1" },
  queryStringParameters: { parameter1: "value1,value2", parameter2: "value" },
  requestContext: {
    accountId: "123456789012",
    apiId: "<urlid>",
    domainName: "abcdefg.lambda-url.us-west-2.on.aws",
    domainPrefix: "abcdefg",
    http: {
      method: "POST",
      path: "/echo/my/path",
      protocol: "HTTP/1.1",
      sourceIp: "123.123.123.123",
      userAgent: "agent",
    },
    requestId: "id-from-aws",
    routeKey: "$default",
    stage: "$default",
    time: "12/Mar/2020:19:03:58 +0000",
    timeEpoch: 1583348638390,
  },
  body: '{"a":1}',
  pathParameters: null,
  isBase64Encoded: false,
  stageVariables: null,
};

Deno.test("lambdaHandler() gives the app the documented function URL event as a Web Request", async () => {
  const handler = lambdaHandler(echoApp());
  const result = await handler(documentedEvent, { awsRequestId: "ctx-id" });
  assert.equal(result.statusCode, 200);
  assert.equal(result.isBase64Encoded, false);
  assert.match(result.headers["content-type"] ?? "", /application\/json/);
  const seen = JSON.parse(result.body);
  assert.deepEqual(seen, {
    method: "POST",
    url:
      "https://abcdefg.lambda-url.us-west-2.on.aws/echo/my/path?parameter1=value1&parameter1=value2&parameter2=value",
    query: { parameter1: ["value1", "value2"], parameter2: ["value"] },
    cookie: "cookie1=x; cookie2=y",
    requestId: "id-from-aws",
    bodyBytes: [...new TextEncoder().encode('{"a":1}')],
  });
});

Deno.test("lambdaHandler() decodes base64 bodies and encodes binary responses as base64", async () => {
  const handler = lambdaHandler(echoApp());
  const bytes = [0, 1, 2, 254, 255];
  const posted = await handler({
    ...documentedEvent,
    headers: { "content-type": "application/octet-stream" },
    body: btoa(String.fromCharCode(...bytes)),
    isBase64Encoded: true,
  });
  assert.deepEqual(JSON.parse(posted.body).bodyBytes, bytes);

  const got = await handler({
    ...documentedEvent,
    rawPath: "/binary",
    rawQueryString: "",
    requestContext: { ...documentedEvent.requestContext, http: { method: "GET" } },
    body: undefined,
  });
  assert.equal(got.isBase64Encoded, true);
  assert.deepEqual([...atob(got.body)].map((c) => c.charCodeAt(0)), [0, 255, 1, 128]);
});

Deno.test("lambdaHandler() moves every set-cookie header into cookies", async () => {
  const handler = lambdaHandler(echoApp());
  const result = await handler({
    ...documentedEvent,
    rawPath: "/cookies",
    requestContext: { ...documentedEvent.requestContext, http: { method: "GET" } },
  });
  assert.deepEqual(result.cookies, ["a=1; Path=/", "b=2; Path=/"]);
  assert.equal(result.headers["set-cookie"], undefined);
});

Deno.test("lambdaHandler() rejects non-HTTP events with a message naming what was found", async () => {
  const handler = lambdaHandler(echoApp());
  await assert.rejects(() => handler({ key: "value" }), (err: unknown) => {
    assert.ok(err instanceof UnsupportedEventError);
    assert.match(err.message, /payload format 2\.0\), got version null/);
    return true;
  });
  await assert.rejects(() => handler("hello"), /got string/);
  await assert.rejects(() => handler({ ...documentedEvent, rawPath: "no-slash" }), /rawPath/);
});

Deno.test("lambdaHandler() builds a lazy app once and retries a failed cold start", async () => {
  let builds = 0;
  const handler = lambdaHandler(() => {
    builds++;
    if (builds === 1) return Promise.reject(new Error("cold start failed"));
    return Promise.resolve(echoApp());
  });
  await assert.rejects(() => handler(documentedEvent), /cold start failed/);
  assert.equal((await handler(documentedEvent)).statusCode, 200);
  assert.equal((await handler(documentedEvent)).statusCode, 200);
  assert.equal(builds, 2);
});

Deno.test("toHttpEvent() and toResponse() round-trip a request through the handler", async () => {
  const handler = lambdaHandler(echoApp());
  const request = new Request("http://127.0.0.1:9000/echo/x?q=1&q=2", {
    method: "PUT",
    headers: { "content-type": "text/plain", cookie: "s=1; t=2", "x-request-id": "mine" },
    body: "héllo",
  });
  const event = await toHttpEvent(request, { requestId: "r-1" });
  assert.deepEqual(event.cookies, ["s=1", "t=2"]);
  assert.equal(event.body, "héllo");
  assert.equal(event.isBase64Encoded, false);
  const response = toResponse(await handler(event));
  const seen = await response.json();
  assert.equal(seen.url, "https://127.0.0.1:9000/echo/x?q=1&q=2");
  assert.equal(seen.requestId, "mine");
  assert.equal(new TextDecoder().decode(new Uint8Array(seen.bodyBytes)), "héllo");
});

Deno.test("toResponse() turns a non-result payload into a 200 JSON response as function URLs do", async () => {
  const response = toResponse({ hello: "world" });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.deepEqual(await response.json(), { hello: "world" });
});
