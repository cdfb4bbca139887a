/**
 * Test helpers: a tiny STS on 127.0.0.1 speaking what the installed SDK sends (AWS Query
 * protocol: form-encoded POST `Action=GetCallerIdentity&Version=2011-06-15`, XML answer), and
 * the standard SDK variables pointed at it, so real clients run without contacting AWS.
 */

export interface FakeSts {
  readonly endpoint: string;
  /** Every request received, as `Action` (or `<method> <path>` for anything else). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** Answers GetCallerIdentity for `account`; any other request is a 400 recorded by name. */
export function fakeSts(account: string): FakeSts {
  const requests: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const form = req.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(await req.text())
      : undefined;
    const action = form?.get("Action");
    if (action !== "GetCallerIdentity" || form?.get("Version") !== "2011-06-15") {
      requests.push(action ?? `${req.method} ${new URL(req.url).pathname}`);
      return new Response(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
          `<Message>not STS GetCallerIdentity</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        { status: 400, headers: { "content-type": "text/xml" } },
      );
    }
    requests.push(action);
    const xml = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
      `<GetCallerIdentityResult><Arn>arn:aws:sts::${account}:assumed-role/ml-news-controller/ci` +
      `</Arn><UserId>AROAEXAMPLE:ci</UserId><Account>${account}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>0</RequestId></ResponseMetadata>` +
      `</GetCallerIdentityResponse>`;
    return new Response(xml, { headers: { "content-type": "text/xml" } });
  });
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    requests,
    close: () => server.shutdown(),
  };
}

/** The standard SDK variables for a fake endpoint and static credentials. */
const AWS_VARIABLES = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
};

/** Runs `fn` with `AWS_ENDPOINT_URL=endpoint` and static credentials, then restores the environment. */
export async function withAwsEndpoint<T>(endpoint: string, fn: () => Promise<T>): Promise<T> {
  const set: Record<string, string> = { ...AWS_VARIABLES, AWS_ENDPOINT_URL: endpoint };
  const unset = ["AWS_PROFILE", "AWS_SESSION_TOKEN"];
  const saved = new Map([...Object.keys(set), ...unset].map((k) => [k, Deno.env.get(k)]));
  for (const [k, v] of Object.entries(set)) Deno.env.set(k, v);
  for (const k of unset) Deno.env.delete(k);
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
  }
}
