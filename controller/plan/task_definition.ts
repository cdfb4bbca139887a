/**
 * Task definitions compared the way ecspresso does: both sides normalised (AWS's server-side
 * defaults filled in, set-like lists sorted) so a diff shows only real change.
 */
import type { ContainerSpec, TaskDefinitionSpec } from "../aws/ecs_port.ts";

export function normalizeTaskDefinition(spec: TaskDefinitionSpec): TaskDefinitionSpec {
  const networkMode = spec.networkMode ||
    (spec.requiresCompatibilities.includes("FARGATE") ? "awsvpc" : "bridge");
  return {
    family: spec.family,
    cpu: String(spec.cpu),
    memory: String(spec.memory),
    networkMode,
    requiresCompatibilities: [...spec.requiresCompatibilities].sort(),
    executionRoleArn: spec.executionRoleArn || null,
    taskRoleArn: spec.taskRoleArn || null,
    containers: [...spec.containers]
      .map((c) => normalizeContainer(c, networkMode))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function normalizeContainer(c: ContainerSpec, networkMode: string): ContainerSpec {
  return {
    name: c.name,
    image: c.image,
    essential: c.essential,
    portMappings: c.portMappings
      .map((p) => ({
        containerPort: p.containerPort,
        // awsvpc and host modes: the host port is the container port.
        hostPort: p.hostPort || (networkMode === "bridge" ? 0 : p.containerPort),
        protocol: p.protocol || "tcp",
      }))
      .sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol)),
    environment: [...c.environment].sort((a, b) => a.name.localeCompare(b.name)),
    healthCheck: c.healthCheck
      ? {
        command: [...c.healthCheck.command],
        interval: c.healthCheck.interval || 30,
        timeout: c.healthCheck.timeout || 5,
        retries: c.healthCheck.retries || 3,
        startPeriod: c.healthCheck.startPeriod || 0,
      }
      : null,
  };
}

/** Human-readable differences (`containers[inference].image: a -> b`); empty when equal. */
export function taskDefinitionDifferences(
  live: TaskDefinitionSpec,
  desired: TaskDefinitionSpec,
): string[] {
  const out: string[] = [];
  diff(toPlain(normalizeTaskDefinition(live)), toPlain(normalizeTaskDefinition(desired)), "", out);
  return out;
}

export function sameTaskDefinition(a: TaskDefinitionSpec, b: TaskDefinitionSpec): boolean {
  return taskDefinitionDifferences(a, b).length === 0;
}

/** Containers keyed by name and environment by variable, so paths read naturally. */
function toPlain(spec: TaskDefinitionSpec): unknown {
  return {
    ...spec,
    containers: Object.fromEntries(spec.containers.map((c) => [c.name, {
      ...c,
      environment: Object.fromEntries(c.environment.map((e) => [e.name, e.value])),
    }])),
  };
}

function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (isRecord(a) && isRecord(b) && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const child = /^[A-Za-z_][\w]*$/.test(key)
        ? (path ? `${path}.${key}` : key)
        : `${path}[${key}]`;
      diff(a[key], b[key], child, out);
    }
    return;
  }
  const left = JSON.stringify(a ?? null);
  const right = JSON.stringify(b ?? null);
  if (left !== right) out.push(`${path}: ${left} -> ${right}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
