import type { RequestContext } from "../context.ts";

/** ECS ARNs in the long format, in the request's region and account. */
export function ecsArn(ctx: RequestContext, resource: string): string {
  return `arn:aws:ecs:${ctx.region}:${ctx.accountId}:${resource}`;
}

export const clusterArn = (ctx: RequestContext, cluster: string) =>
  ecsArn(ctx, `cluster/${cluster}`);
export const serviceArn = (ctx: RequestContext, cluster: string, service: string) =>
  ecsArn(ctx, `service/${cluster}/${service}`);
export const taskDefinitionArn = (ctx: RequestContext, family: string, revision: number) =>
  ecsArn(ctx, `task-definition/${family}:${revision}`);
export const taskArn = (ctx: RequestContext, cluster: string, id: string) =>
  ecsArn(ctx, `task/${cluster}/${id}`);
export const serviceDeploymentArn = (
  ctx: RequestContext,
  path: { cluster: string; service: string; id: string },
) => ecsArn(ctx, `service-deployment/${path.cluster}/${path.service}/${path.id}`);
export const serviceRevisionArn = (
  ctx: RequestContext,
  path: { cluster: string; service: string; id: string },
) => ecsArn(ctx, `service-revision/${path.cluster}/${path.service}/${path.id}`);

/** The last path segment of an ARN, or the string itself when it is a plain name. */
export function nameFromArnOrName(value: string): string {
  return value.startsWith("arn:") ? value.slice(value.lastIndexOf("/") + 1) : value;
}

/** Parses `arn:aws:ecs:<region>:<account>:<type>/<path…>`; undefined for anything else. */
export function parseEcsArn(
  arn: string,
): { region: string; accountId: string; type: string; path: string[] } | undefined {
  const match = /^arn:aws[a-zA-Z-]*:ecs:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/.exec(arn);
  if (!match) return undefined;
  const [, region = "", accountId = "", type = "", path = ""] = match;
  return { region, accountId, type, path: path.split("/") };
}

/** Random digits, for ids ECS makes of digits (`ecs-svc/…`, service revisions). */
export function randomDigits(count: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(count));
  return [...bytes].map((b, i) => (i === 0 ? 1 + (b % 9) : b % 10)).join("");
}

/** A random id in ECS's service deployment id alphabet. */
export function randomId(length = 22): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A deterministic 32-hex-digit id (task ids derived from a deployment and a slot). */
export function stableHexId(seed: string): string {
  let out = "";
  for (let round = 0; out.length < 32; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      hash ^= seed.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, "0");
  }
  return out.slice(0, 32);
}

/** ECS's JSON timestamps: seconds since the epoch. */
export const seconds = (ms: number) => ms / 1000;
