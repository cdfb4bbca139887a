/** `EcsService`: what an ECS service is; the image tag comes from its `EcsRelease`. */
import { z } from "zod";
import {
  API_VERSION,
  duration,
  fullIssue,
  metadata,
  nonEmptyString,
  positiveDuration,
  positiveInt,
} from "./fields.ts";
import { parseImageRef, REPOSITORY_PATTERN } from "./image_ref.ts";

const port = z.int({ error: "a port number" }).min(1, { error: "a port from 1 to 65535" })
  .max(65535, { error: "a port from 1 to 65535" });

const repository = z.string().superRefine((text, ctx) => {
  const ref = parseImageRef(text);
  if (ref !== undefined && ref.tag === undefined && ref.digest === undefined) return;
  fullIssue(
    ctx,
    `expected an image repository without tag or digest (the EcsRelease pins the image), found ${
      JSON.stringify(text)
    }`,
  );
}).meta({ pattern: REPOSITORY_PATTERN });

const container = z.strictObject({
  name: nonEmptyString,
  image: repository,
  essential: z.boolean().default(true),
  portMappings: z.array(z.strictObject({
    containerPort: port,
    protocol: z.enum(["tcp", "udp"]).default("tcp"),
  })).default([]),
  environment: z.record(z.string(), z.string({ error: "a string (quote numbers)" })).default({}),
  healthCheck: z.strictObject({
    command: z.array(z.string()).min(1, { error: "a command like [CMD-SHELL, ...]" }),
    interval: positiveDuration.default(30_000),
    timeout: positiveDuration.default(5_000),
    retries: positiveInt.default(3),
    startPeriod: duration.default(0),
  }).optional(),
});

/** `awsvpc` networking of the service's tasks (ECS `networkConfiguration.awsvpcConfiguration`). */
const network = z.strictObject({
  subnets: z.array(
    z.string().regex(/^subnet-[0-9a-f]{8,17}$/, {
      error: "a subnet id like subnet-0123456789abcdef0",
    }),
  ).min(1, { error: "at least one subnet id" }),
  securityGroups: z.array(
    z.string().regex(/^sg-[0-9a-f]{8,17}$/, {
      error: "a security group id like sg-0123456789abcdef0",
    }),
  ).min(1, { error: "at least one security group id" }),
  assignPublicIp: z.enum(["ENABLED", "DISABLED"]).default("DISABLED"),
}).meta({
  description:
    "Subnets and security groups of the tasks (awsvpc); required for FARGATE services on target: aws.",
});

export const ecsServiceSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("EcsService"),
  metadata,
  spec: z.strictObject({
    cluster: resourceLikeName(),
    desiredCount: positiveInt,
    launchType: z.enum(["FARGATE", "EC2"]).default("FARGATE"),
    taskDefinition: z.strictObject({
      family: resourceLikeName(),
      /** CPU units and MiB as strings, as in ECS task definitions. */
      cpu: z.string({ error: 'CPU units as a quoted number like "512"' }).regex(/^[0-9]+$/, {
        error: 'CPU units as a quoted number like "512"',
      }),
      memory: z.string({ error: 'MiB as a quoted number like "1024"' }).regex(/^[0-9]+$/, {
        error: 'MiB as a quoted number like "1024"',
      }),
      executionRole: z.string().optional(),
      taskRole: z.string().optional(),
      containers: z.array(container).min(1, { error: "at least one container" }),
    }),
    network: network.optional(),
    loadBalancer: z.strictObject({
      targetGroup: nonEmptyString,
      containerName: nonEmptyString,
      containerPort: port,
      healthCheckPath: z.string().regex(/^\//, { error: "a path starting with /" }).default("/"),
    }).optional(),
    deployment: z.strictObject({
      minimumHealthyPercent: z.int().min(0, { error: "a percentage from 0 to 100" }).max(100, {
        error: "a percentage from 0 to 100",
      }).default(100),
      maximumPercent: z.int().min(100, { error: "a percentage from 100 to 200" }).max(200, {
        error: "a percentage from 100 to 200",
      }).default(200),
      circuitBreaker: z.strictObject({ enable: z.boolean(), rollback: z.boolean() }).default({
        enable: true,
        rollback: true,
      }),
    }).default({
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    }),
  }).superRefine((spec, ctx) => {
    const names = spec.taskDefinition.containers.map((c) => c.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        fullIssue(ctx, `duplicate container name ${JSON.stringify(name)}`, {
          at: ["taskDefinition", "containers", i, "name"],
        });
      }
    });
    if (spec.network !== undefined && spec.launchType !== "FARGATE") {
      fullIssue(
        ctx,
        `expected no network for launchType ${spec.launchType} (its tasks use bridge networking; network is for FARGATE's awsvpc), found one`,
        { at: ["network"] },
      );
    }
    const lb = spec.loadBalancer;
    if (lb !== undefined && !names.includes(lb.containerName)) {
      fullIssue(
        ctx,
        `expected one of the containers (${
          [...new Set(names)].map((n) => JSON.stringify(n)).join(", ")
        }), found ${JSON.stringify(lb.containerName)}`,
        { at: ["loadBalancer", "containerName"] },
      );
    }
  }),
}).meta({ title: "EcsService", description: "What an ECS service is." });

function resourceLikeName() {
  return z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, {
    error: "a name of letters, digits, '-' or '_'",
  });
}
