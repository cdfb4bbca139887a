/**
 * `deno task rollout <promote [--full] | abort | retry | pause | resume> <release> [--env e]
 *   [--root .] [--no-reconcile]`
 *
 * Manual control of a rollout, recorded on AWS like the rest of its state: the command and its
 * time go into a tag (`mlnews.dev/rollout-command`) on the Lambda function or ECS service, and
 * the step machine applies it once, on the next pass. This command runs that pass for the
 * release right away (unless `--no-reconcile`) and exits with its code. It never edits git: an
 * `abort` holds until the release's revision changes or `retry`.
 */
import { parseArgs } from "node:util";
import { type Clock, systemClock } from "../clock.ts";
import { desiredFromRepo } from "../desired/from_repo.ts";
import { ExitCode } from "../exit_codes.ts";
import { formatProblem, loadRepo } from "../manifest/mod.ts";
import type { DesiredRelease } from "../plan/desired.ts";
import { TAG_COMMAND } from "../plan/tags.ts";
import type { CommandKind, ManualCommand } from "../rollout/command.ts";
import { commandKind, encodeCommand } from "../rollout/command_tag.ts";
import { openConnections } from "./connections.ts";
import { reconcileOnce } from "./reconcile.ts";

export interface RolloutCommandOptions {
  readonly root: string;
  readonly command: CommandKind;
  readonly full: boolean;
  readonly release: string;
  readonly environment?: string;
  readonly reconcile: boolean;
}

const USAGE = "usage: rollout <promote [--full] | abort | retry | pause | resume> <release> " +
  "[--env <name>] [--no-reconcile] [--root .]";

export function parseRolloutArgs(args: readonly string[]): RolloutCommandOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      env: { type: "string" },
      full: { type: "boolean", default: false },
      "no-reconcile": { type: "boolean", default: false },
      root: { type: "string", default: "." },
    },
    strict: true,
    allowPositionals: true,
  });
  const [name, release, ...rest] = positionals;
  const command = commandKind(name);
  if (!command) {
    throw new RangeError(
      `expected a command (promote, abort, retry, pause, resume), found ${JSON.stringify(name)}`,
    );
  }
  if (!release) throw new RangeError("expected a release name after the command");
  if (rest.length > 0) throw new RangeError(`unexpected arguments: ${rest.join(" ")}`);
  if (values.full && command !== "promote") {
    throw new RangeError(`--full goes with promote, not ${command}`);
  }
  return {
    root: values.root,
    command,
    full: values.full,
    release,
    ...(values.env !== undefined ? { environment: values.env } : {}),
    reconcile: !values["no-reconcile"],
  };
}

export async function rollout(args: string[]): Promise<number> {
  let options: RolloutCommandOptions;
  try {
    options = parseRolloutArgs(args);
  } catch (error) {
    console.error(`rollout: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Error;
  }
  return await runRollout(options, { clock: systemClock });
}

export async function runRollout(
  options: RolloutCommandOptions,
  deps: { readonly clock: Clock; readonly print?: (line: string) => void },
): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const found = await findRelease(options);
  if (!found.ok) {
    console.error(`rollout: ${found.problem}`);
    return ExitCode.Error;
  }
  const { desired, environment } = found;
  const command: ManualCommand = options.command === "promote"
    ? { kind: "promote", at: deps.clock.now().getTime(), full: options.full }
    : { kind: options.command, at: deps.clock.now().getTime() };
  const connections = openConnections(options.root);
  try {
    const target = await connections.connect(environment);
    const tags = { [TAG_COMMAND]: encodeCommand(command) };
    if (desired.kind === "LambdaRelease") {
      const fn = await target.lambda.getFunction(desired.functionName);
      if (!fn) {
        throw new Error(
          `function ${desired.functionName} does not exist: nothing to ${command.kind}`,
        );
      }
      await target.lambda.tagFunction(fn.arn, tags);
    } else {
      const service = await target.ecs.describeService(desired.cluster, desired.service);
      if (!service) {
        throw new Error(`service ${desired.cluster}/${desired.service} does not exist`);
      }
      await target.ecs.tagResource(service.arn, tags);
    }
    print(`${desired.environment}/${desired.name}: recorded ${tags[TAG_COMMAND]}`);
  } catch (error) {
    console.error(`rollout: ${(error as Error).message}`);
    return ExitCode.Error;
  } finally {
    await connections.close();
  }
  if (!options.reconcile) return ExitCode.Ok;
  return await reconcileOnce({
    root: options.root,
    environment: desired.environment,
    release: desired.name,
    dryRun: false,
    watch: false,
    intervalMs: 0,
    logFormat: "text",
    metricsPort: 0,
    followTimeoutMs: 0,
    concurrency: 1,
  }, { clock: deps.clock, print });
}

async function findRelease(options: RolloutCommandOptions): Promise<
  | {
    ok: true;
    desired: DesiredRelease;
    environment: Parameters<ReturnType<typeof openConnections>["connect"]>[0];
  }
  | { ok: false; problem: string }
> {
  const { repo, problems } = await loadRepo(options.root);
  if (problems.length > 0) return { ok: false, problem: problems.map(formatProblem).join("\n") };
  let environments;
  try {
    environments = desiredFromRepo(repo, {
      commit: null,
      release: options.release,
      ...(options.environment !== undefined ? { environment: options.environment } : {}),
    });
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const matches = environments.flatMap((e) =>
    e.releases.map((desired) => ({ desired, environment: e.environment }))
  );
  if (matches.length === 0) {
    return { ok: false, problem: `no release named ${JSON.stringify(options.release)}` };
  }
  if (matches.length > 1) {
    const envs = matches.map((m) => m.environment.metadata.name).join(", ");
    return {
      ok: false,
      problem: `release ${options.release} exists in ${envs}: say which with --env`,
    };
  }
  return { ok: true, ...matches[0]! };
}
