/**
 * The ceiling of the HTTP stack for bench/inference.ts: a bare `Deno.serve` answering
 * every request with a fixed JSON body the size of a classify response.
 */
const BODY = JSON.stringify({
  category: "Business",
  label: 3,
  scores: { World: 0.01, Sports: 0.01, Business: 0.97, "Sci/Tech": 0.01 },
  modelVersion: `sha256:${"0".repeat(64)}`,
  requestId: "00000000-0000-0000-0000-000000000000",
});

Deno.serve({
  hostname: "127.0.0.1",
  port: Number(Deno.env.get("PORT") ?? "0"),
  onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
}, () => new Response(BODY, { headers: { "content-type": "application/json" } }));
