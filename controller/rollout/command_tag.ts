/**
 * A manual command as a tag value (`promote-full:1764140000000`), so `deno task rollout`
 * records it on AWS like every other piece of state. The newest command is the only one kept;
 * the machine applies it once (`RolloutState.lastCommandAt`).
 */
import type { CommandKind, ManualCommand } from "./command.ts";

const KINDS: readonly CommandKind[] = ["promote", "abort", "retry", "pause", "resume"];

export function encodeCommand(command: ManualCommand): string {
  const kind = command.kind === "promote" && command.full ? "promote-full" : command.kind;
  return `${kind}:${command.at}`;
}

/** `undefined` for a missing or unreadable value (never guessed). */
export function decodeCommand(value: string | undefined): ManualCommand | undefined {
  const match = /^([a-z]+)(-full)?:([0-9]{1,16})$/.exec(value ?? "");
  if (!match) return undefined;
  const kind = match[1] as CommandKind;
  const at = Number(match[3]);
  if (!KINDS.includes(kind) || (match[2] && kind !== "promote")) return undefined;
  return kind === "promote" ? { kind, at, full: Boolean(match[2]) } : { kind, at };
}

/** Parses a command name from the command line (`promote`, `abort`, …). */
export function commandKind(text: string | undefined): CommandKind | undefined {
  return KINDS.find((k) => k === text);
}
