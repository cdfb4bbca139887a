/** `LambdaFunction`: what a Lambda function is (its configuration and artifact source). */
import { z } from "zod";
import { API_VERSION, metadata, nonEmptyString } from "./fields.ts";

export const lambdaFunctionSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("LambdaFunction"),
  metadata: metadata.extend({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
      error: "a Lambda function name of 1 to 64 letters, digits, '-' or '_'",
    }),
  }),
  spec: z.strictObject({
    description: z.string().max(256, { error: "at most 256 characters" }).optional(),
    runtime: z.string().regex(/^[a-z][a-z0-9.]*$/, { error: "a Lambda runtime like nodejs22.x" }),
    handler: nonEmptyString,
    /** MB, as Lambda's MemorySize: 128 to 10240. */
    memorySize: z.int({ error: "a whole number of MB" }).min(128, {
      error: "a memory size from 128 to 10240 MB",
    }).max(10240, { error: "a memory size from 128 to 10240 MB" }),
    /** Seconds, as Lambda's Timeout: 1 to 900. */
    timeout: z.int({ error: "a whole number of seconds" }).min(1, {
      error: "a timeout from 1 to 900 seconds",
    }).max(900, { error: "a timeout from 1 to 900 seconds" }),
    architecture: z.enum(["x86_64", "arm64"]).default("x86_64"),
    /** IAM role name; the controller makes the ARN in the environment's account. */
    role: z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: "an IAM role name" }),
    environment: z.record(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, {
        error: "an environment variable name (a letter, then letters, digits or '_')",
      }),
      z.string({ error: "a string (quote numbers and booleans)" }),
    ).default({}),
    /** The ZIP built by `deno task package` (`dist/lambda/<package>/<sha256>.zip`). */
    artifact: z.strictObject({
      package: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "a package folder name" }),
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: "an S3 bucket name",
      }).optional(),
    }),
  }),
}).meta({ title: "LambdaFunction", description: "What a Lambda function is." });
