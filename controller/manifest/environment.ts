/** `Environment`: one AWS account and region the releases in `releases/<name>/` go to. */
import { z } from "zod";
import { API_VERSION, metadata } from "./fields.ts";

export const environmentSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("Environment"),
  metadata,
  spec: z.strictObject({
    /** `local`: the embedded local AWS emulator; `aws`: a real account (standard credential chain). */
    target: z.enum(["local", "aws"]).meta({
      description: "local: the embedded local AWS emulator; aws: a real account.",
    }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, {
      error: "an AWS region like eu-west-1",
    }),
    accountId: z.string().regex(/^[0-9]{12}$/, { error: "a 12-digit AWS account id in quotes" }),
    /** What to do when live state was changed outside git: revert it, or only report it. */
    driftPolicy: z.enum(["heal", "warn"]).default("warn").meta({
      description: "heal: revert changes made outside git; warn: report them only.",
    }),
  }),
}).meta({ title: "Environment", description: "An AWS account and region releases go to." });
