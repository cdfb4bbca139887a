/**
 * Structured logs: `text` (human lines) or `json` (one object per line with `time`, `level`,
 * `msg` and fields), written to stderr so stdout keeps the plan and results.
 */
import type { Clock } from "../clock.ts";

export type LogFormat = "text" | "json";
export type Fields = Readonly<Record<string, unknown>>;

export interface Logger {
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export function createLogger(
  format: LogFormat,
  options: { readonly clock: Clock; readonly write?: (line: string) => void },
): Logger {
  const write = options.write ?? ((line: string) => console.error(line));
  const log = (level: string) => (msg: string, fields: Fields = {}) => {
    if (format === "json") {
      write(JSON.stringify({ time: options.clock.now().toISOString(), level, msg, ...fields }));
      return;
    }
    const rest = Object.entries(fields).map(([k, v]) =>
      `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`
    );
    write(
      [level === "info" ? "" : `${level.toUpperCase()} `, msg, ...rest.map((r) => ` ${r}`)].join(
        "",
      ),
    );
  };
  return { info: log("info"), warn: log("warn"), error: log("error") };
}
