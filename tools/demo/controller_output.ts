/** Printing what the controller CLI said, indented under the demo's own lines. */
import type { CliResult } from "./controller_cli.ts";

export const indent = (text: string): string =>
  text.split("\n").map((line) => `  ${line}`).join("\n");

export function printOutput(print: (line: string) => void, result: CliResult): void {
  const text = result.stdout.trimEnd();
  if (text) print(indent(text));
  const errors = result.stderr.trimEnd();
  if (errors) print(indent(errors));
}

export function cliError(command: string, result: CliResult): Error {
  const reason = result.stderr.split("\n").find((line) => line.trim() !== "") ?? "no message";
  return new Error(
    `${command} exited ${result.code}: ${reason}\n${result.stdout}${result.stderr}`,
  );
}
