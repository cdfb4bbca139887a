/**
 * Which AWS account the credentials belong to, over `@aws-sdk/client-sts`. The only file that
 * speaks STS's SDK. `GetCallerIdentity` needs no IAM permission, so every role can call it.
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { classifyAwsError } from "./errors.ts";
import { clientConfig, countCalls, type SdkOptions } from "./sdk_options.ts";

/** The credentials belong to another account than the Environment names. Nothing was written. */
export class AccountMismatchError extends Error {
  override readonly name = "AccountMismatchError";
  constructor(
    readonly environment: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `environment ${JSON.stringify(environment)} names AWS account ${expected} (accountId), ` +
        `but the credentials belong to account ${actual}; refusing to touch it, nothing was ` +
        `written (use credentials for ${expected}, or fix accountId)`,
    );
  }
}

/** The account id of the caller's credentials (STS `GetCallerIdentity`). */
export async function callerAccount(options: SdkOptions): Promise<string> {
  const client = new STSClient(clientConfig(options));
  countCalls(client.middlewareStack as never, options);
  try {
    const out = await client.send(new GetCallerIdentityCommand({}));
    if (!out.Account) throw new Error("GetCallerIdentity returned no account");
    return out.Account;
  } catch (error) {
    throw classifyAwsError("GetCallerIdentity", error);
  } finally {
    client.destroy();
  }
}

/**
 * Resolves when the credentials belong to `accountId`; throws {@link AccountMismatchError}
 * (naming both accounts) when they do not. Call it before any write.
 */
export async function verifyAccount(
  expected: { readonly environment: string; readonly accountId: string },
  options: SdkOptions,
): Promise<void> {
  const actual = await callerAccount(options);
  if (actual !== expected.accountId) {
    throw new AccountMismatchError(expected.environment, expected.accountId, actual);
  }
}
