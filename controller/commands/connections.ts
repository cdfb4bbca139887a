/**
 * Per-process cache of target connections, one per environment, sharing one local AWS
 * endpoint. Commands open it, pass `connect` to passes, and close it at the end.
 */
import { resolve } from "node:path";
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
  // One build per package per process, shared by every environment.
  const builds = new Map<string, Promise<{ bytes: Uint8Array; sha256: string }>>();
  const build = (pkg: string) => {
    let built = builds.get(pkg);
    if (!built) {
      built = import("../../services/packaging/mod.ts")
        .then(({ buildPackage }) => buildPackage(pkg, { root: resolve(root) }));
      builds.set(pkg, built);
    }
    return built;
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
        // A failed connection (wrong account, unreachable STS) is tried afresh next time.
        target.catch(() => targets.delete(key));
      }
      return target;
    },
    async close() {
      for (const t of targets.values()) (await t.catch(() => null))?.close();
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
