/** `LambdaPort` over `@aws-sdk/client-lambda`. The only file that speaks Lambda's SDK. */
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  type FunctionConfiguration,
  GetAliasCommand,
  type GetAliasCommandOutput,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { classifyAwsError, NotFoundError } from "./errors.ts";
import type {
  AliasWrite,
  FunctionCode,
  FunctionConfig,
  LambdaPort,
  LiveAlias,
  LiveVersion,
  Routing,
} from "./lambda_port.ts";
import {
  base64ToHex,
  clientConfig,
  countCalls,
  defaultSleep,
  hexToBase64,
  type SdkOptions,
} from "./sdk_options.ts";

const POLL_MS = 250;
const POLL_LIMIT = 240;

export function createLambdaPort(options: SdkOptions): LambdaPort & { close(): void } {
  const client = new LambdaClient(clientConfig(options));
  countCalls(client.middlewareStack as never, options);
  const sleep = options.sleep ?? defaultSleep;

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw classifyAwsError(operation, error);
    }
  }

  async function orNull<T>(operation: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await call(operation, run);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Lambda applies code/configuration updates asynchronously; wait until they settle. */
  async function settle(name: string, first: FunctionConfiguration): Promise<void> {
    let config = first;
    for (let i = 0; i < POLL_LIMIT && busy(config); i++) {
      await sleep(POLL_MS);
      config = await call(
        "GetFunctionConfiguration",
        () => client.send(new GetFunctionConfigurationCommand({ FunctionName: name })),
      );
    }
    if (config.State === "Failed" || config.LastUpdateStatus === "Failed") {
      throw classifyAwsError("UpdateFunction", {
        name: "FunctionUpdateFailed",
        message: config.LastUpdateStatusReason ?? config.StateReason ?? "update failed",
      });
    }
  }

  return {
    close: () => client.destroy(),

    async getFunction(name) {
      const out = await orNull(
        "GetFunction",
        () => client.send(new GetFunctionCommand({ FunctionName: name })),
      );
      if (!out?.Configuration) return null;
      const c = out.Configuration;
      return {
        name: c.FunctionName ?? name,
        arn: unqualified(c.FunctionArn ?? ""),
        config: configOf(c),
        codeSha256: base64ToHex(c.CodeSha256 ?? ""),
        tags: { ...out.Tags },
        revisionId: c.RevisionId ?? "",
      };
    },

    async listVersions(name) {
      const versions: LiveVersion[] = [];
      let marker: string | undefined;
      do {
        const out = await call(
          "ListVersionsByFunction",
          () =>
            client.send(
              new ListVersionsByFunctionCommand({
                FunctionName: name,
                MaxItems: 50,
                ...(marker ? { Marker: marker } : {}),
              }),
            ),
        );
        for (const v of out.Versions ?? []) {
          if (v.Version && v.Version !== "$LATEST") versions.push(versionOf(v));
        }
        marker = out.NextMarker;
      } while (marker);
      return versions;
    },

    async getAlias(functionName, alias) {
      const out = await orNull(
        "GetAlias",
        () => client.send(new GetAliasCommand({ FunctionName: functionName, Name: alias })),
      );
      return out ? aliasOf(out) : null;
    },

    async createFunction(name, input) {
      const out = await call("CreateFunction", () =>
        client.send(
          new CreateFunctionCommand({
            FunctionName: name,
            ...configInput(input.config),
            Code: codeInput(input.code),
            Tags: { ...input.tags },
            Publish: false,
          }),
        ));
      await settle(name, out);
    },

    async updateFunctionCode(name, code) {
      const out = await call("UpdateFunctionCode", () =>
        client.send(
          new UpdateFunctionCodeCommand({ FunctionName: name, ...codeInput(code) }),
        ));
      await settle(name, out);
    },

    async updateFunctionConfiguration(name, config) {
      const out = await call("UpdateFunctionConfiguration", () =>
        client.send(
          new UpdateFunctionConfigurationCommand({ FunctionName: name, ...configInput(config) }),
        ));
      await settle(name, out);
    },

    async publishVersion(name, input) {
      const out = await call("PublishVersion", () =>
        client.send(
          new PublishVersionCommand({
            FunctionName: name,
            CodeSha256: hexToBase64(input.codeSha256),
            Description: input.description,
          }),
        ));
      return versionOf(out);
    },

    async createAlias(functionName, alias, write) {
      const out = await call("CreateAlias", () =>
        client.send(
          new CreateAliasCommand({
            FunctionName: functionName,
            Name: alias,
            ...aliasInput(write),
          }),
        ));
      return aliasOf(out);
    },

    async updateAlias(functionName, alias, write) {
      const out = await call("UpdateAlias", () =>
        client.send(
          new UpdateAliasCommand({
            FunctionName: functionName,
            Name: alias,
            RevisionId: write.revisionId,
            ...aliasInput(write),
          }),
        ));
      return aliasOf(out);
    },

    async tagFunction(arn, tags) {
      await call(
        "TagResource",
        () => client.send(new TagResourceCommand({ Resource: arn, Tags: { ...tags } })),
      );
    },
  };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>` without a version or alias qualifier. */
function unqualified(arn: string): string {
  return arn.split(":").slice(0, 7).join(":");
}

function busy(c: FunctionConfiguration): boolean {
  return c.State === "Pending" || c.LastUpdateStatus === "InProgress";
}

function configOf(c: FunctionConfiguration): FunctionConfig {
  return {
    runtime: c.Runtime ?? "",
    handler: c.Handler ?? "",
    memorySize: c.MemorySize ?? 128,
    timeout: c.Timeout ?? 3,
    roleArn: c.Role ?? "",
    environment: { ...c.Environment?.Variables },
    description: c.Description ?? "",
  };
}

function versionOf(c: FunctionConfiguration): LiveVersion {
  return {
    version: c.Version ?? "",
    codeSha256: base64ToHex(c.CodeSha256 ?? ""),
    config: configOf(c),
    description: c.Description ?? "",
  };
}

function aliasOf(out: GetAliasCommandOutput | Omit<GetAliasCommandOutput, "$metadata">): LiveAlias {
  const weights = Object.entries(out.RoutingConfig?.AdditionalVersionWeights ?? {});
  const extra = weights[0];
  const routing: Routing = {
    primary: out.FunctionVersion ?? "",
    extra: extra ? { version: extra[0], weight: Math.round(extra[1] * 1e6) / 1e4 } : null,
  };
  return {
    name: out.Name ?? "",
    routing,
    description: out.Description ?? "",
    revisionId: out.RevisionId ?? "",
  };
}

function aliasInput(write: AliasWrite) {
  const extra = write.routing.extra;
  return {
    FunctionVersion: write.routing.primary,
    Description: write.description,
    RoutingConfig: {
      AdditionalVersionWeights: extra ? { [extra.version]: extra.weight / 100 } : {},
    },
  };
}

function configInput(config: FunctionConfig) {
  return {
    Runtime: config.runtime as never,
    Handler: config.handler,
    MemorySize: config.memorySize,
    Timeout: config.timeout,
    Role: config.roleArn,
    Description: config.description,
    Environment: { Variables: { ...config.environment } },
  };
}

function codeInput(code: FunctionCode) {
  return "zipFile" in code
    ? { ZipFile: code.zipFile }
    : { S3Bucket: code.s3Bucket, S3Key: code.s3Key };
}
