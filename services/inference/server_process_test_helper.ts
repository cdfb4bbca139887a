/**
 * Starts the inference server exactly as `deno task serve inference` does (the command
 * is read from deno.json) in a child process, and waits for its "ready" log line.
 */
const ROOT = new URL("../../", import.meta.url).pathname;

/** The `serve` task's command line, split into argv, with `deno` as the first word. */
export async function serveTaskArgv(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  return (config.tasks.serve as string).split(/\s+/);
}

export interface ServerProcess {
  readonly child: Deno.ChildProcess;
  readonly url: string;
  /** Log lines seen so far (stdout). */
  readonly lines: string[];
  /** Resolves with the exit status. */
  readonly status: Promise<Deno.CommandStatus>;
}

export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const [, ...args] = await serveTaskArgv();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...args, "inference"],
    cwd: ROOT,
    env: { PORT: "0", NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const status = child.status;
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let url: string | undefined;
  let ready = false;
  while (!ready) {
    const { value, done } = await reader.read();
    if (done) {
      const err = await new Response(child.stderr).text();
      throw new Error(`server exited before ready: ${err}`);
    }
    buffer += value;
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      url ??= /listening on (http:\/\/[\d.]+:\d+)/.exec(line)?.[1];
      if (line.includes('"msg":"ready"')) ready = true;
    }
  }
  // Keep draining output so the child never blocks on a full pipe.
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      lines.push(...value.split("\n").filter((l) => l !== ""));
    }
  })();
  child.stderr.cancel();
  return { child, url: url!, lines, status };
}
