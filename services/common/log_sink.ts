/**
 * Where a service's JSON log lines go, filtered by `LOG_LEVEL` (debug | info | warn | error;
 * default info). Lines are written by the access log and error handlers as JSON objects with a
 * `level` field.
 */
const ORDER = ["debug", "info", "warn", "error"];

export function logSink(level: string | undefined): (line: string) => void {
  const min = Math.max(0, ORDER.indexOf((level ?? "info").toLowerCase()));
  return (line) => {
    const lineLevel = /"level":"(\w+)"/.exec(line)?.[1] ?? "info";
    if (ORDER.indexOf(lineLevel) >= min) console.log(line);
  };
}
