/**
 * Per-process cache of target connections, one per environment, sharing one local AWS
 * endpoint. Commands open it, pass `connect` to passes, and close it at the end.
 */
import { connect, type Target } from "../aws/target.ts";
import { localEndpoint } from "../aws/local_endpoint.ts";
import type { Environment } from "../manifest/mod.ts";
import type { SdkOptions } from "../aws/sdk_options.ts";

export interface Connections {
  connect(env: Environment): Promise<Target>;
  close(): Promise<void>;
}

export function openConnections(
  root: string,
  options: { readonly onCall?: SdkOptions["onCall"]; readonly maxAttempts?: number } = {},
): Connections {
  const endpoint = localEndpoint(root, { ...readEnv("LOCAL_AWS_ENDPOINT") });
  const targets = new Map<string, Promise<Target>>();
  const build = async (pkg: string) => {
    const { buildPackage } = await import("../../services/packaging/mod.ts");
    return await buildPackage(pkg, { root });
  };
  return {
    connect(env) {
      const key = `${env.metadata.name}`;
      let target = targets.get(key);
      if (!target) {
        target = connect(env, {
          root,
          localEndpoint: () => endpoint.get(),
          build,
          ...(options.onCall ? { onCall: options.onCall } : {}),
          ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        });
        targets.set(key, target);
      }
      return target;
    },
    async close() {
      for (const t of targets.values()) (await t).close();
      targets.clear();
      await endpoint.close();
    },
  };
}

function readEnv(name: string): Record<string, string> {
  try {
    const value = Deno.env.get(name);
    return value ? { [name]: value } : {};
  } catch {
    return {};
  }
}
