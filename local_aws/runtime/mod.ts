/**
 * Lambda execution for local AWS: `createProcessRuntime()` plugs into
 * `startLocalAws({ runtime })` and runs each version's handler from its ZIP in warm Deno
 * subprocesses (timeout, memory size and concurrency enforced).
 */
export {
  createProcessRuntime,
  type EnvironmentInfo,
  type ProcessRuntime,
  type ProcessRuntimeOptions,
} from "./process_runtime.ts";
