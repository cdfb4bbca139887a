/**
 * Build flags: settings baked into a package at build time (`data/build_flags.json` in the ZIP),
 * so two builds of the same source can be different revisions:
 * - `label`: a build label (`2026-11-26.1`, `demo-healthy`) that only makes the revision
 *   distinct; the app behaves exactly as without it;
 * - `failureRate`: the share of requests the packaged app answers with an injected 500, used to
 *   build a deliberately broken revision for canary-analysis demos and tests.
 */
import { readFile } from "node:fs/promises";
import type { FetchApp } from "./handler.ts";

export interface BuildFlags {
  /** Letters, digits, `.`, `_`, `-` (at most 64): a distinct revision of unchanged behaviour. */
  readonly label?: string;
  /** 0 < rate ≤ 1: answer this share of requests with 500 `injected_fault`. */
  readonly failureRate?: number;
}

export const BUILD_FLAGS_FILE = "data/build_flags.json";

/** Checks flags from a build option or the packaged file; says what is wrong. */
export function parseBuildFlags(value: unknown): BuildFlags {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`build flags must be a JSON object, got ${JSON.stringify(value)}`);
  }
  const { label, failureRate, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new Error(`unknown build flag(s): ${unknown.join(", ")}; expected label, failureRate`);
  }
  if (label !== undefined && (typeof label !== "string" || !/^[\w.-]{1,64}$/.test(label))) {
    throw new Error(
      `label must be 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(label)}`,
    );
  }
  if (
    failureRate !== undefined &&
    (typeof failureRate !== "number" || !(failureRate > 0 && failureRate <= 1))
  ) {
    throw new Error(`failureRate must be a number in (0, 1], got ${JSON.stringify(failureRate)}`);
  }
  return {
    ...(label === undefined ? {} : { label }),
    ...(failureRate === undefined ? {} : { failureRate }),
  };
}

/**
 * The app as the package was built: wrapped with injected failures when the package carries a
 * `failureRate`, unchanged otherwise. `taskRoot` is the directory holding `index.mjs`.
 */
export async function packagedApp(
  app: FetchApp,
  taskRoot: URL,
  options: { random?: () => number } = {},
): Promise<FetchApp> {
  let text: string;
  try {
    text = await readFile(new URL(BUILD_FLAGS_FILE, taskRoot), "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return app;
    throw err;
  }
  const flags = parseBuildFlags(JSON.parse(text));
  const rate = flags.failureRate;
  if (rate === undefined) return app;
  const random = options.random ?? Math.random;
  return {
    fetch: (request) =>
      random() < rate
        ? Response.json(
          {
            error: {
              code: "injected_fault",
              message: `injected failure (build flag failureRate=${rate})`,
            },
          },
          { status: 500 },
        )
        : app.fetch(request),
  };
}
