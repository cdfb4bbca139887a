import type { Fields } from "../fields.ts";
import { invalidParameter } from "./errors.ts";
import type { DeploymentConfig, DeploymentStrategy } from "./model.ts";

const STRATEGIES: readonly DeploymentStrategy[] = ["ROLLING", "CANARY", "LINEAR", "BLUE_GREEN"];

/**
 * A request's `deploymentConfiguration` on top of `base` (the service's current one, or ECS's
 * defaults: maximumPercent 200, minimumHealthyPercent 100, circuit breaker off, ROLLING).
 * Members the request omits keep their values; ranges follow the ECS API reference.
 */
export function readDeploymentConfig(
  input: Fields | undefined,
  base: DeploymentConfig | undefined,
): DeploymentConfig {
  const current = base ?? {
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    deploymentCircuitBreaker: { enable: false, rollback: false },
    strategy: "ROLLING" as const,
    bakeTimeInMinutes: 0,
  };
  if (!input) return current;
  const strategy = (input.string("strategy") ?? current.strategy) as DeploymentStrategy;
  if (!STRATEGIES.includes(strategy)) {
    throw invalidParameter(
      `Invalid deployment strategy ${strategy}: expected one of ${STRATEGIES.join(", ")}.`,
    );
  }
  const breaker = input.object("deploymentCircuitBreaker");
  const canary = input.object("canaryConfiguration");
  const linear = input.object("linearConfiguration");
  const config: DeploymentConfig = {
    maximumPercent: input.integer("maximumPercent", { min: 100, max: 2000 }) ??
      current.maximumPercent,
    minimumHealthyPercent: input.integer("minimumHealthyPercent", { min: 0, max: 100 }) ??
      current.minimumHealthyPercent,
    deploymentCircuitBreaker: breaker
      ? {
        enable: breaker.boolean("enable") ?? false,
        rollback: breaker.boolean("rollback") ?? false,
      }
      : current.deploymentCircuitBreaker,
    strategy,
    bakeTimeInMinutes: input.integer("bakeTimeInMinutes", { min: 0, max: 1440 }) ??
      current.bakeTimeInMinutes,
  };
  const canaryConfiguration = canary
    ? {
      canaryPercent: percent(canary.number("canaryPercent") ?? 5, {
        min: 0.1,
        max: 100,
        name: "canaryPercent",
      }),
      canaryBakeTimeInMinutes: canary.integer("canaryBakeTimeInMinutes", { min: 0, max: 1440 }) ??
        10,
    }
    : current.canaryConfiguration;
  const linearConfiguration = linear
    ? {
      stepPercent: percent(linear.number("stepPercent") ?? 10, {
        min: 3,
        max: 100,
        name: "stepPercent",
      }),
      stepBakeTimeInMinutes: linear.integer("stepBakeTimeInMinutes", { min: 0, max: 1440 }) ?? 6,
    }
    : current.linearConfiguration;
  return {
    ...config,
    ...(canaryConfiguration ? { canaryConfiguration } : {}),
    ...(linearConfiguration ? { linearConfiguration } : {}),
  };
}

function percent(value: number, range: { min: number; max: number; name: string }): number {
  if (value < range.min || value > range.max) {
    throw invalidParameter(
      `${range.name} must be between ${range.min} and ${range.max}, found ${value}.`,
    );
  }
  return value;
}
