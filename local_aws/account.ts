/**
 * Which account and region a request belongs to, read from its SigV4 `Authorization` header
 * (`Credential=<access key id>/<date>/<region>/<service>/aws4_request`).
 *
 * As other AWS emulators do, a 12-digit access key id IS the account id; any other key id
 * maps to the default account `000000000000`. Each account has its own state.
 */
export interface RequestAccount {
  readonly accountId: string;
  readonly region: string;
}

export const DEFAULT_ACCOUNT_ID = "000000000000";
export const DEFAULT_REGION = "us-east-1";

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/;

/** Reads the account and region of a request from its `Authorization` header value. */
export function accountFromAuthorization(header: string | null | undefined): RequestAccount {
  const match = header ? CREDENTIAL.exec(header) : null;
  if (!match) return { accountId: DEFAULT_ACCOUNT_ID, region: DEFAULT_REGION };
  const [, accessKeyId = "", region = DEFAULT_REGION] = match;
  return {
    accountId: /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT_ID,
    region,
  };
}
