/**
 * Client settings shared by the SDK adapters. Built by `target.ts` from an Environment; the
 * same adapters serve real AWS (no endpoint) and local AWS (endpoint override).
 */
export interface SdkOptions {
  readonly region: string;
  /** Set for local AWS (or `AWS_ENDPOINT_URL`-style overrides); unset for real AWS. */
  readonly endpoint?: string;
  /** Static credentials (local AWS selects the account by access key id); unset = default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** SDK attempts per call, including the first (standard retry mode, with backoff). */
  readonly maxAttempts?: number;
  /** Called once per HTTP attempt with the operation name (for call counting). */
  readonly onCall?: (operation: string) => void;
  /** How adapters wait between polls of an in-progress update. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The fields of an SDK client constructor config that `SdkOptions` sets. */
export function clientConfig(options: SdkOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: "standard",
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
  };
}

interface MiddlewareStackLike {
  add(
    middleware: (
      next: (args: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: "deserialize"; name: string },
  ): void;
}

/** Counts every HTTP attempt (retries included) of a client. */
export function countCalls(stack: MiddlewareStackLike, options: SdkOptions): void {
  const onCall = options.onCall;
  if (!onCall) return;
  stack.add(
    (next, context) => (args) => {
      onCall((context.commandName ?? "Unknown").replace(/Command$/, ""));
      return next(args);
    },
    { step: "deserialize", name: "mlnewsCallCounter" },
  );
}

export const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function hexToBase64(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function base64ToHex(b64: string): string {
  const binary = atob(b64);
  let hex = "";
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, "0");
  return hex;
}
