/**
 * Runs the tasks of every ECS service in local AWS as real processes. Every `pollMs` it reads
 * the ECS state of each account, derives the tasks the control plane says should be running
 * (ecs/tasks.ts: PENDING or RUNNING, desired RUNNING), starts a process for each one that has
 * none, stops (SIGTERM, drain) those no longer wanted, and replaces a task whose process
 * exited or turned UNHEALTHY. Such a failure of a task of an in-progress deployment's target
 * is recorded on the deployment (`taskFailures`), where it counts toward the deployment
 * circuit breaker. Each service gets a load balancer port (load_balancer.ts) fed with its
 * deployments' traffic shares and healthy tasks.
 */
import type { Clock } from "../clock.ts";
import { EcsStore } from "../ecs/ecs_store.ts";
import type { ClusterRecord, ServiceRecord, TaskDefinitionRecord } from "../ecs/model.ts";
import { type DeploymentEntry, serviceSnapshot } from "../ecs/service_view.ts";
import { clusterTasks, type DerivedTask } from "../ecs/tasks.ts";
import type { EcsTiming } from "../ecs/timing.ts";
import { accountsWithState } from "../state_accounts.ts";
import type { StateStore } from "../store.ts";
import { healthCheckSpec } from "./health_check.ts";
import { LOCAL_IMAGES, parseImage } from "./images.ts";
import { type LoadBalancer, startLoadBalancer, type TargetGroup } from "./load_balancer.ts";
import { TaskProcess, type TaskProcessSpec } from "./task_process.ts";

export interface TaskSupervisorOptions {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly timing: EcsTiming;
  /** Repository root: the working directory of task commands. */
  readonly root: string;
  /** How often the desired tasks are re-read; default 250 ms. */
  readonly pollMs?: number;
  /** Length of a health-check "second"; default 1000 (tests shorten it). */
  readonly secondMs?: number;
  /** Delay before a failed task is replaced; default 500 ms. */
  readonly restartDelayMs?: number;
  /** Random source for the load balancers; default Math.random. */
  readonly random?: () => number;
  /** Called when a service's load balancer starts listening. */
  readonly onLoadBalancer?: (service: ServiceRef, url: string) => void;
}

export interface ServiceRef {
  readonly accountId: string;
  readonly cluster: string;
  readonly service: string;
}

/** A task process as `/_localaws/tasks` and tests see it. */
export interface TaskInfo extends ServiceRef {
  readonly taskId: string;
  readonly deploymentId: string;
  readonly taskDefinitionArn: string;
  readonly pid: number;
  readonly port: number;
  readonly health: "UNKNOWN" | "HEALTHY" | "UNHEALTHY";
  /** Processes this task slot has had replaced after a failure. */
  readonly replacements: number;
}

interface Slot {
  readonly ref: ServiceRef;
  readonly task: DerivedTask;
  process: TaskProcess | undefined;
  replacements: number;
  notBefore: number;
  /** Set when the task cannot run locally (no image mapping); reported once. */
  unrunnable?: string;
  /** Wall time since the control plane stopped wanting this task (it may still serve). */
  unwantedSince?: number | undefined;
}

/** How long a healthy task no longer wanted keeps serving while its replacements start. */
const HANDOVER_LIMIT_MS = 30_000;

interface ServiceRuntime {
  readonly ref: ServiceRef;
  readonly balancer: LoadBalancer;
  /** The service's deployments and their traffic shares, as of the last pass. */
  deployments: readonly DeploymentEntry[];
}

export class TaskSupervisor {
  readonly #options: TaskSupervisorOptions;
  readonly #ecs: EcsStore;
  readonly #slots = new Map<string, Slot>();
  readonly #services = new Map<string, ServiceRuntime>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #tick: Promise<void> = Promise.resolve();
  #closed = false;
  /** Processes being stopped (drained), awaited by close(). */
  readonly #stopping = new Set<Promise<void>>();

  constructor(options: TaskSupervisorOptions) {
    this.#options = options;
    this.#ecs = new EcsStore(options.store);
  }

  /** Starts supervising; the first pass runs at once. */
  start(): void {
    const loop = () => {
      if (this.#closed) return;
      this.#tick = this.reconcile().catch((error) =>
        console.error("local AWS: task supervisor pass failed:", error)
      ).finally(() => {
        if (!this.#closed) this.#timer = setTimeout(loop, this.#options.pollMs ?? 250);
      });
    };
    loop();
  }

  /** Load balancer URLs by service. */
  loadBalancers(): { service: ServiceRef; url: string }[] {
    return [...this.#services.values()].map((s) => ({ service: s.ref, url: s.balancer.url }));
  }

  tasks(): TaskInfo[] {
    return [...this.#slots.values()].flatMap((slot) =>
      slot.process && slot.process.exitStatus === undefined
        ? [{
          ...slot.ref,
          taskId: slot.task.id,
          deploymentId: slot.task.deploymentId,
          taskDefinitionArn: slot.task.taskDefinitionArn,
          pid: slot.process.pid,
          port: slot.process.port,
          health: slot.process.health,
          replacements: slot.replacements,
        }]
        : []
    );
  }

  /** Stops every task process and load balancer. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#tick;
    for (const slot of this.#slots.values()) if (slot.process) this.#stop(slot.process, 3_000);
    this.#slots.clear();
    await Promise.all(this.#stopping);
    await Promise.all([...this.#services.values()].map((s) => s.balancer.close()));
    this.#services.clear();
  }

  /** One pass: desired tasks from the state, processes to match, target groups updated. */
  async reconcile(): Promise<void> {
    const now = this.#options.clock.now();
    const wanted = new Set<string>();
    const services: { ref: ServiceRef; service: ServiceRecord }[] = [];
    for (const accountId of await accountsWithState(this.#options.store.stateDir)) {
      const names = (await this.#options.store.list(accountId, "ecs/clusters"))
        .map((doc) => doc.slice(doc.lastIndexOf("/") + 1));
      if (names.length === 0) continue;
      const state = await this.#ecs.read(accountId, { clusters: names, families: "all" });
      for (const cluster of Object.values(state.clusters)) {
        const tasks = clusterTasks(cluster, { now, timing: this.#options.timing });
        for (const service of Object.values(cluster.services)) {
          const ref = { accountId, cluster: cluster.name, service: service.name };
          services.push({ ref, service });
          const mine = tasks.filter((t) =>
            t.serviceName === service.name && t.desiredStatus === "RUNNING"
          );
          for (const task of mine) {
            const key = `${accountId}/${cluster.name}/${task.id}`;
            wanted.add(key);
            await this.#ensure(key, { ref, task, definitions: state.taskDefinitions, cluster });
          }
        }
      }
    }
    this.#retire(wanted);
    for (const { ref, service } of services) this.#updateGroups(ref, { service, now });
  }

  /**
   * Stops tasks the control plane no longer wants, make-before-break: a healthy one keeps
   * serving (as the load balancer's fallback) until every wanted task of its service is
   * healthy, for at most HANDOVER_LIMIT_MS, so a rollback never leaves a gap without tasks.
   */
  #retire(wanted: ReadonlySet<string>): void {
    const waiting = new Set<string>();
    for (const [key, slot] of this.#slots) {
      if (wanted.has(key)) {
        slot.unwantedSince = undefined;
        if (slot.process?.health !== "HEALTHY") waiting.add(serviceKey(slot.ref));
      }
    }
    for (const [key, slot] of this.#slots) {
      if (wanted.has(key)) continue;
      slot.unwantedSince ??= Date.now();
      const serving = slot.process?.health === "HEALTHY" && slot.process.exitStatus === undefined;
      const handingOver = serving && waiting.has(serviceKey(slot.ref)) &&
        Date.now() - slot.unwantedSince < HANDOVER_LIMIT_MS;
      if (handingOver) continue;
      this.#slots.delete(key);
      if (slot.process) this.#stop(slot.process);
    }
  }

  async #ensure(
    key: string,
    context: {
      ref: ServiceRef;
      task: DerivedTask;
      definitions: Record<string, TaskDefinitionRecord[]>;
      cluster: ClusterRecord;
    },
  ): Promise<void> {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = {
        ref: context.ref,
        task: context.task,
        process: undefined,
        replacements: 0,
        notBefore: 0,
      };
      this.#slots.set(key, slot);
    }
    const process = slot.process;
    if (process) {
      const failed = process.exitStatus !== undefined || process.health === "UNHEALTHY";
      if (!failed) return;
      slot.process = undefined;
      slot.replacements++;
      slot.notBefore = Date.now() + (this.#options.restartDelayMs ?? 500);
      this.#stop(process, 1_000);
      if (!slot.task.revision.failing) await this.#recordFailure(context.ref, slot.task);
      return;
    }
    if (slot.unrunnable || Date.now() < slot.notBefore) return;
    const spec = this.#processSpec(context.task, {
      definitions: context.definitions,
      port: freePort(),
    });
    if (typeof spec === "string") {
      slot.unrunnable = spec;
      console.error(`local AWS: task ${context.task.id} cannot run locally: ${spec}`);
      return;
    }
    slot.process = new TaskProcess(spec);
  }

  /** What runs the task (its first container with a local image), or why nothing can. */
  #processSpec(
    task: DerivedTask,
    options: { definitions: Record<string, TaskDefinitionRecord[]>; port: number },
  ): TaskProcessSpec | string {
    const { definitions, port } = options;
    const arn = task.taskDefinitionArn;
    const [family, revision] = arn.slice(arn.lastIndexOf("/") + 1).split(":");
    const definition = definitions[family ?? ""]?.find((d) => String(d.revision) === revision);
    if (!definition) return `task definition ${arn} not found`;
    const containers = (definition.definition["containerDefinitions"] ?? []) as Record<
      string,
      unknown
    >[];
    for (const container of containers) {
      const image = parseImage(String(container["image"] ?? ""));
      const local = LOCAL_IMAGES[image.repository];
      if (!local) continue;
      const mappings = (container["portMappings"] ?? []) as { containerPort?: number }[];
      const containerPort = mappings[0]?.containerPort ?? 0;
      const declared = (container["environment"] ?? []) as { name: string; value: string }[];
      return {
        command: [Deno.execPath(), ...local.args],
        cwd: this.#options.root,
        env: {
          ...inherited(),
          ...Object.fromEntries(declared.map((v) => [v.name, v.value])),
          ...local.tagEnvironment(image.tag),
          [local.portVariable]: String(port),
          NO_COLOR: "1",
        },
        port,
        containerPort,
        healthCheck: healthCheckSpec(container, { secondMs: this.#options.secondMs ?? 1000 }),
      };
    }
    const images = containers.map((c) => String(c["image"])).join(", ");
    return `no local command for image(s) ${images} (see local_aws/ecs_runtime/images.ts)`;
  }

  #updateGroups(ref: ServiceRef, context: { service: ServiceRecord; now: number }): void {
    const key = serviceKey(ref);
    const deployments = serviceSnapshot(context.service, {
      now: context.now,
      timing: this.#options.timing,
    }).deployments;
    const runtime = this.#services.get(key);
    if (runtime) {
      runtime.deployments = deployments;
      return;
    }
    const balancer = startLoadBalancer({
      targetGroups: () => this.#targetGroups(key),
      ...(this.#options.random ? { random: this.#options.random } : {}),
    });
    this.#services.set(key, { ref, balancer, deployments });
    this.#options.onLoadBalancer?.(ref, balancer.url);
  }

  /** The service's target groups now: traffic shares of the last pass, live task health. */
  #targetGroups(key: string): TargetGroup[] {
    const deployments = this.#services.get(key)?.deployments ?? [];
    const healthy = [...this.#slots.values()].filter((slot) =>
      serviceKey(slot.ref) === key && slot.process?.health === "HEALTHY" &&
      slot.process.exitStatus === undefined
    );
    const target = (slot: Slot) => ({ taskId: slot.task.id, port: slot.process!.port });
    const groups: TargetGroup[] = deployments.map((entry) => ({
      deploymentId: entry.id,
      taskDefinitionArn: entry.taskDefinitionArn,
      trafficPercent: entry.trafficPercent,
      targets: healthy.filter((slot) =>
        slot.unwantedSince === undefined && slot.task.deploymentId === entry.id
      ).map(target),
    }));
    // Tasks handing over: no share, so they serve only while no wanted task is healthy.
    for (const slot of healthy.filter((s) => s.unwantedSince !== undefined)) {
      groups.push({
        deploymentId: slot.task.deploymentId,
        taskDefinitionArn: slot.task.taskDefinitionArn,
        trafficPercent: 0,
        targets: [target(slot)],
      });
    }
    return groups;
  }

  #stop(process: TaskProcess, graceMs?: number): void {
    const stopped = process.stop(graceMs).finally(() => this.#stopping.delete(stopped));
    this.#stopping.add(stopped);
  }

  /** Counts a failed task of an in-progress deployment toward its circuit breaker. */
  async #recordFailure(ref: ServiceRef, task: DerivedTask): Promise<void> {
    const at = this.#options.clock.now();
    await this.#ecs.update(
      { accountId: ref.accountId, scope: { clusters: [ref.cluster], families: [] } },
      (state) => {
        const service = state.clusters[ref.cluster]?.services[ref.service];
        const current = service?.deployments.at(-1);
        if (!current || current.ecsId !== task.deploymentId) return;
        current.taskFailures = [...(current.taskFailures ?? []), at];
      },
    );
  }
}

function serviceKey(ref: ServiceRef): string {
  return `${ref.accountId}/${ref.cluster}/${ref.service}`;
}

function inherited(): Record<string, string> {
  return Object.fromEntries(
    ["PATH", "HOME", "DENO_DIR"].flatMap((name) => {
      const value = Deno.env.get(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
