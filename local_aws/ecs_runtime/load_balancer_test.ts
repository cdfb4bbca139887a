import assert from "node:assert/strict";
import { chooseTarget, startLoadBalancer, type TargetGroup } from "./load_balancer.ts";

const group = (id: string, percent: number, ports: number[]): TargetGroup => ({
  deploymentId: id,
  taskDefinitionArn: `arn:aws:ecs:eu-west-1:000000000001:task-definition/svc:${id}`,
  trafficPercent: percent,
  targets: ports.map((port) => ({ taskId: `${id}-${port}`, port })),
});

Deno.test("chooseTarget() splits by traffic share and round-robins within a deployment", () => {
  const groups = [group("1", 90, [1, 2]), group("2", 10, [3])];
  assert.equal(chooseTarget(groups, { random: () => 0.0, counter: 0 })?.port, 1);
  assert.equal(chooseTarget(groups, { random: () => 0.5, counter: 1 })?.port, 2);
  assert.equal(chooseTarget(groups, { random: () => 0.89, counter: 0 })?.group.deploymentId, "1");
  assert.equal(chooseTarget(groups, { random: () => 0.91, counter: 0 })?.port, 3);
});

Deno.test("chooseTarget() skips deployments without a healthy task and answers nothing when none has one", () => {
  const canaryDown = [group("1", 80, [1]), group("2", 20, [])];
  for (const draw of [0, 0.5, 0.99]) {
    assert.equal(chooseTarget(canaryDown, { random: () => draw, counter: 0 })?.port, 1);
  }
  const onlyUnshared = [group("1", 100, []), group("2", 0, [7])];
  assert.equal(chooseTarget(onlyUnshared, { random: () => 0.3, counter: 0 })?.port, 7);
  assert.equal(chooseTarget([group("1", 100, [])], { random: () => 0, counter: 0 }), undefined);
});

Deno.test("the load balancer forwards method, path, query and body, tags the revision, and answers 503 with no healthy task", async () => {
  const upstream = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (r) =>
      Response.json({
        method: r.method,
        url: new URL(r.url).pathname + new URL(r.url).search,
        body: await r.text(),
      }),
  );
  let groups: TargetGroup[] = [group("3", 100, [upstream.addr.port])];
  const lb = startLoadBalancer({ targetGroups: () => groups });
  try {
    const response = await fetch(`${lb.url}/v1/classify?x=1`, { method: "POST", body: "hello" });
    assert.deepEqual(await response.json(), {
      method: "POST",
      url: "/v1/classify?x=1",
      body: "hello",
    });
    assert.equal(response.headers.get("X-Local-Aws-Task-Definition"), "svc:3");
    assert.equal(response.headers.get("X-Local-Aws-Task"), `3-${upstream.addr.port}`);
    groups = [group("3", 100, [])];
    const none = await fetch(`${lb.url}/`);
    assert.equal(none.status, 503);
    assert.equal((await none.json()).error.code, "no_healthy_targets");
  } finally {
    await lb.close();
    await upstream.shutdown();
  }
});
