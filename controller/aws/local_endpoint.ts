/**
 * The local AWS endpoint for `target: local`: `LOCAL_AWS_ENDPOINT` when set (a running
 * `deno task local-aws`), else local AWS started in this process on an ephemeral loopback port
 * with its state in `<root>/.local-aws/`, started on first use and shared by all environments.
 */
import { startLocalAws } from "../../local_aws/mod.ts";

export interface LocalEndpoint {
  get(): Promise<string>;
  close(): Promise<void>;
}

export function localEndpoint(
  root: string,
  env: { readonly LOCAL_AWS_ENDPOINT?: string } = {},
): LocalEndpoint {
  let started: Promise<{ endpoint: string; close(): Promise<void> | void }> | null = null;
  return {
    get() {
      if (env.LOCAL_AWS_ENDPOINT) return Promise.resolve(env.LOCAL_AWS_ENDPOINT);
      started ??= startLocalAws({ stateDir: `${root}/.local-aws`, port: 0 });
      return started.then((s) => s.endpoint);
    },
    async close() {
      if (started) await (await started).close();
    },
  };
}
