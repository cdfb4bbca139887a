/**
 * ECS execution in local AWS, end to end: real SDK clients create services whose tasks run as
 * real inference-server processes (the real ONNX model) behind the service's load balancer
 * port. ECS's own progress runs on a manual clock; processes and health checks in real time.
 */
import assert from "node:assert/strict";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  type DeploymentConfiguration,
  DescribeServicesCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import type { TaskInfo } from "../../local_aws/mod.ts";
import { startTestAws, type TestAws } from "../../local_aws/test_support.ts";

const CLUSTER = "ml-news-cluster";
const SERVICE = "ml-news-inference";
const MODEL = (await Deno.readTextFile(new URL("../../ml/models/CURRENT", import.meta.url)))
  .trim();

async function register(
  ecs: ECSClient,
  image: string,
  options: { healthPath?: string } = {},
): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: SERVICE,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
      containerDefinitions: [{
        name: "inference",
        image,
        essential: true,
        portMappings: [{ containerPort: 8080 }],
        environment: [{ name: "PORT", value: "8080" }, { name: "LOG_LEVEL", value: "warn" }],
        healthCheck: {
          command: [
            "CMD-SHELL",
            `deno eval "const r = await fetch('http://127.0.0.1:8080${
              options.healthPath ?? "/healthz"
            }'); Deno.exit(r.ok ? 0 : 1)"`,
          ],
          interval: 5,
          timeout: 2,
          retries: 2,
          startPeriod: 10,
        },
      }],
    }),
  );
  return out.taskDefinition?.taskDefinitionArn ?? "";
}

async function startAws(): Promise<TestAws> {
  // Health-check "seconds" of 100 ms: an interval of 5 is half a second here.
  return await startTestAws({
    timing: { taskStartMs: 1000, minuteMs: 60_000 },
    workloads: { pollMs: 100, healthCheckSecondMs: 100, restartDelayMs: 200 },
  });
}

async function createService(t: TestAws, config: DeploymentConfiguration): Promise<void> {
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await t.ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: SERVICE,
      taskDefinition: await register(t.ecs, `ml-news-inference:${MODEL}`),
      desiredCount: 2,
      launchType: "FARGATE",
      deploymentConfiguration: config,
    }),
  );
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const healthy = (t: TestAws, n: number, filter: (task: TaskInfo) => boolean = () => true) =>
  until(`${n} healthy tasks`, () => {
    const tasks = t.aws.tasks().filter((task) => task.health === "HEALTHY" && filter(task));
    return tasks.length === n ? tasks : undefined;
  });

const loadBalancerUrl = (t: TestAws) =>
  until("the load balancer", () => t.aws.endpoints().loadBalancers[0]?.url);

async function classify(url: string): Promise<Response> {
  return await fetch(`${url}/v1/classify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "The striker scored twice as the home team won the cup final" }),
  });
}

const ROLLING: DeploymentConfiguration = {
  deploymentCircuitBreaker: { enable: true, rollback: true },
  maximumPercent: 200,
  minimumHealthyPercent: 100,
};

Deno.test("ECS tasks run as processes, pass their health check, serve through the load balancer and are replaced after a kill", async () => {
  await using t = await startAws();
  await createService(t, ROLLING);
  t.clock.advance(1000);
  const tasks = await healthy(t, 2);
  assert.equal(new Set(tasks.map((task) => task.port)).size, 2, "each task has its own port");
  const url = await loadBalancerUrl(t);
  const response = await classify(url);
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.category, "Sports");
  assert.match(body.modelVersion, new RegExp(`^sha256:${MODEL}`));
  assert.equal(response.headers.get("X-Local-Aws-Task-Definition"), `${SERVICE}:1`);

  const victim = tasks[0]!;
  Deno.kill(victim.pid, "SIGKILL");
  const replaced = await healthy(t, 2, (task) => task.pid !== victim.pid);
  const slot = replaced.find((task) => task.taskId === victim.taskId);
  assert.equal(slot?.replacements, 1, "the killed task's slot got a new process");
  assert.equal((await classify(url)).status, 200);
  const metrics = await (await fetch(`${t.aws.endpoint}/metrics`)).text();
  assert.match(
    metrics,
    /ecs_task_processes\{account_id="000000000001",cluster="ml-news-cluster",service="ml-news-inference",task_definition="ml-news-inference:1",health="HEALTHY"\} 2/,
  );
});

Deno.test("a canary ECS deployment splits load-balancer traffic by its canary share", async () => {
  await using t = await startAws();
  await createService(t, ROLLING);
  t.clock.advance(1000);
  await healthy(t, 2);
  await t.ecs.send(
    new UpdateServiceCommand({
      cluster: CLUSTER,
      service: SERVICE,
      taskDefinition: await register(t.ecs, "ml-news-inference:1.0.0"),
      deploymentConfiguration: {
        ...ROLLING,
        strategy: "CANARY",
        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
      },
    }),
  );
  t.clock.advance(1000); // the canary's tasks are up: 20 % of the traffic shifts to them
  await healthy(t, 4);
  const url = await loadBalancerUrl(t);
  const counts = new Map<string, number>();
  const n = 400;
  await Promise.all(Array.from({ length: 4 }, async (_, worker) => {
    for (let i = worker; i < n; i += 4) {
      const response = await classify(url);
      assert.equal(response.status, 200);
      await response.body?.cancel();
      const revision = response.headers.get("X-Local-Aws-Task-Definition") ?? "?";
      counts.set(revision, (counts.get(revision) ?? 0) + 1);
    }
  }));
  const canary = counts.get(`${SERVICE}:2`) ?? 0;
  // Binomial(400, 0.2): mean 80, sd 8; ±5 sd.
  assert.ok(canary >= 40 && canary <= 120, `canary served ${canary} of ${n}`);
  assert.equal((counts.get(`${SERVICE}:1`) ?? 0) + canary, n);
});

Deno.test("target tasks that keep failing trip the circuit breaker and the service rolls back", async () => {
  await using t = await startAws();
  await createService(t, ROLLING);
  t.clock.advance(1000);
  await healthy(t, 2);
  await t.ecs.send(
    new UpdateServiceCommand({
      cluster: CLUSTER,
      service: SERVICE,
      // 12 hex digits name a model version; this one does not exist, so the server exits.
      taskDefinition: await register(t.ecs, "ml-news-inference:0000000dead0"),
      deploymentConfiguration: {
        ...ROLLING,
        strategy: "CANARY",
        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 10 },
      },
    }),
  );
  t.clock.advance(1000);
  const service = await until("the rollback", async () => {
    const out = await t.ecs.send(
      new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }),
    );
    const s = out.services?.[0];
    return s?.deployments?.some((d) => d.rolloutState === "FAILED") ? s : undefined;
  });
  const failed = service.deployments?.find((d) => d.rolloutState === "FAILED");
  assert.ok((failed?.failedTasks ?? 0) >= 3, `failed tasks: ${failed?.failedTasks}`);
  assert.match(failed?.rolloutStateReason ?? "", /circuit breaker/);
  const url = await loadBalancerUrl(t);
  assert.equal((await classify(url)).status, 200, "the stable tasks kept serving");
});

Deno.test("target tasks failing their health check are replaced, never get traffic, and trip the circuit breaker", async () => {
  await using t = await startAws();
  await createService(t, ROLLING);
  t.clock.advance(1000);
  await healthy(t, 2);
  const url = await loadBalancerUrl(t);
  await t.ecs.send(
    new UpdateServiceCommand({
      cluster: CLUSTER,
      service: SERVICE,
      // The server runs, but the health check asks for a path it does not serve (404).
      taskDefinition: await register(t.ecs, `ml-news-inference:${MODEL}`, {
        healthPath: "/no-such-check",
      }),
      deploymentConfiguration: {
        ...ROLLING,
        strategy: "CANARY",
        canaryConfiguration: { canaryPercent: 50, canaryBakeTimeInMinutes: 10 },
      },
    }),
  );
  t.clock.advance(1000); // ECS considers the canary's tasks up: half the traffic is theirs
  const served = new Set<string>();
  const seenReplaced = new Set<string>();
  const service = await until("the rollback", async () => {
    const response = await classify(url);
    assert.equal(response.status, 200);
    await response.body?.cancel();
    served.add(response.headers.get("X-Local-Aws-Task-Definition") ?? "?");
    for (const task of t.aws.tasks()) {
      if (task.taskDefinitionArn.endsWith(":2") && task.replacements > 0) {
        seenReplaced.add(task.taskId);
      }
    }
    const out = await t.ecs.send(
      new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }),
    );
    const s = out.services?.[0];
    return s?.deployments?.some((d) => d.rolloutState === "FAILED") ? s : undefined;
  }, 30_000);
  assert.deepEqual([...served], [`${SERVICE}:1`], "unhealthy tasks never got a request");
  assert.ok(seenReplaced.size > 0, "unhealthy tasks were replaced");
  const failed = service.deployments?.find((d) => d.rolloutState === "FAILED");
  assert.ok((failed?.failedTasks ?? 0) >= 3, `failed tasks: ${failed?.failedTasks}`);
});
