/**
 * A service's load balancer: one loopback port that forwards each request to a healthy task.
 * Like an ALB listener with weighted target groups, it first picks a deployment by the traffic
 * shares the ECS deployment sets (canary / linear / blue-green), among deployments that have
 * a healthy task, then a task of it round-robin. Responses carry
 * `X-Local-Aws-Task` and `X-Local-Aws-Task-Definition` so callers can count per revision.
 * No healthy task: 503.
 */
export interface TargetGroup {
  /** Service.deployments id. */
  readonly deploymentId: string;
  readonly taskDefinitionArn: string;
  /** 0–100. */
  readonly trafficPercent: number;
  /** Healthy tasks' ports and ids. */
  readonly targets: readonly { readonly taskId: string; readonly port: number }[];
}

export interface LoadBalancerOptions {
  /** The current target groups of the service. */
  readonly targetGroups: () => readonly TargetGroup[];
  /** Random source in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Port on 127.0.0.1; default an ephemeral one. */
  readonly port?: number;
}

export interface LoadBalancer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Chooses the target of one request; undefined when no task is healthy. */
export function chooseTarget(
  groups: readonly TargetGroup[],
  options: { random: () => number; counter: number },
): { group: TargetGroup; taskId: string; port: number } | undefined {
  const live = groups.filter((g) => g.targets.length > 0);
  if (live.length === 0) return undefined;
  const total = live.reduce((sum, g) => sum + g.trafficPercent, 0);
  let group = live[0]!;
  if (total > 0) {
    let draw = options.random() * total;
    for (const candidate of live) {
      group = candidate;
      draw -= candidate.trafficPercent;
      if (draw < 0 && candidate.trafficPercent > 0) break;
    }
  } else {
    // Shares say nothing (a group with no share is the only one up): serve rather than fail.
    group = live[options.counter % live.length]!;
  }
  const target = group.targets[options.counter % group.targets.length]!;
  return { group, ...target };
}

export function startLoadBalancer(options: LoadBalancerOptions): LoadBalancer {
  const random = options.random ?? Math.random;
  let counter = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} },
    async (request) => {
      const chosen = chooseTarget(options.targetGroups(), { random, counter: counter++ });
      if (!chosen) {
        return Response.json(
          { error: { code: "no_healthy_targets", message: "no healthy task to route to" } },
          { status: 503 },
        );
      }
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.delete("host");
      let upstream: Response;
      try {
        upstream = await fetch(`http://127.0.0.1:${chosen.port}${url.pathname}${url.search}`, {
          method: request.method,
          headers,
          body: request.body,
          redirect: "manual",
        });
      } catch (error) {
        return Response.json(
          { error: { code: "bad_gateway", message: (error as Error).message } },
          { status: 502 },
        );
      }
      const out = new Headers(upstream.headers);
      out.set("X-Local-Aws-Task", chosen.taskId);
      out.set(
        "X-Local-Aws-Task-Definition",
        chosen.group.taskDefinitionArn.slice(chosen.group.taskDefinitionArn.indexOf("/") + 1),
      );
      return new Response(upstream.body, { status: upstream.status, headers: out });
    },
  );
  const port = server.addr.port;
  return { url: `http://127.0.0.1:${port}`, port, close: () => server.shutdown() };
}
