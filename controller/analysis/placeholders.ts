/**
 * `{{…}}` placeholders in provider URLs, queries and dimensions: `{{env.NAME}}`,
 * `{{version}}` (the version being measured), `{{target}}` (`canary` or `stable`),
 * `{{function}}`, `{{alias}}`, `{{window}}` (window length, e.g. `30s`).
 */
import { ProviderError } from "./provider.ts";

export interface PlaceholderValues {
  readonly env: Readonly<Record<string, string>>;
  readonly version?: string | undefined;
  readonly target?: "canary" | "stable" | undefined;
  readonly function?: string | undefined;
  readonly alias?: string | undefined;
  readonly window?: string | undefined;
}

const KNOWN = ["version", "target", "function", "alias", "window"];
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/** True when `text` changes with the measured version (so stable is measured separately). */
export function isPerVersion(text: string): boolean {
  return [...text.matchAll(PLACEHOLDER)].some(([, name]) =>
    name === "version" || name === "target"
  );
}

/** Replaces every placeholder; an unknown or unset one is an error naming it. */
export function expand(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = name.startsWith("env.")
      ? values.env[name.slice(4)]
      : (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined || typeof value !== "string") {
      throw new ProviderError(
        name.startsWith("env.")
          ? `environment variable ${name.slice(4)} is not set (used as {{${name}}})`
          : KNOWN.includes(name)
          ? `{{${name}}} has no value for this release`
          : `unknown placeholder {{${name}}}; expected env.NAME, ${KNOWN.join(", ")}`,
      );
    }
    return value;
  });
}

/** A window length as a Prometheus duration (`90s`). */
export function windowDuration(window: { readonly start: number; readonly end: number }): string {
  return `${Math.max(1, Math.round((window.end - window.start) / 1000))}s`;
}
