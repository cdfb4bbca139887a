import assert from "node:assert/strict";
import { healthCheckSpec, runHealthCheck } from "./health_check.ts";

Deno.test("healthCheckSpec() applies ECS's defaults and the length of a second", () => {
  assert.equal(healthCheckSpec({ name: "app" }, { secondMs: 1000 }), undefined);
  assert.deepEqual(
    healthCheckSpec({ healthCheck: { command: ["CMD", "true"] } }, { secondMs: 1000 }),
    {
      command: ["CMD", "true"],
      intervalMs: 30_000,
      timeoutMs: 5_000,
      retries: 3,
      startPeriodMs: 0,
    },
  );
  assert.deepEqual(
    healthCheckSpec(
      {
        healthCheck: {
          command: ["CMD", "true"],
          interval: 5,
          timeout: 2,
          retries: 1,
          startPeriod: 10,
        },
      },
      { secondMs: 100 },
    ),
    { command: ["CMD", "true"], intervalMs: 500, timeoutMs: 200, retries: 1, startPeriodMs: 1000 },
  );
});

Deno.test("runHealthCheck() runs an HTTP check on the container port against the task's own port", async () => {
  let status = 200;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (r) => new Response(new URL(r.url).pathname, { status }),
  );
  try {
    const spec = healthCheckSpec({
      healthCheck: {
        command: ["CMD-SHELL", `curl -f http://localhost:8080/healthz || exit 1`],
      },
    }, { secondMs: 1000 });
    const target = { port: server.addr.port, containerPort: 8080, env: {} };
    assert.equal(await runHealthCheck(spec, target), true);
    status = 503;
    assert.equal(await runHealthCheck(spec, target), false);
  } finally {
    await server.shutdown();
  }
});

Deno.test("runHealthCheck() runs other commands as processes with the task's environment", async () => {
  const check = (command: string[]) =>
    runHealthCheck(healthCheckSpec({ healthCheck: { command } }, { secondMs: 1000 }), {
      port: 1,
      containerPort: 8080,
      env: { PATH: Deno.env.get("PATH") ?? "", READY: "yes" },
    });
  assert.equal(await check(["CMD-SHELL", 'test "$READY" = yes']), true);
  assert.equal(await check(["CMD-SHELL", "exit 1"]), false);
  assert.equal(await check(["CMD", "false"]), false);
});
