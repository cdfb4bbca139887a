/**
 * `deno task demo`: the whole product working, in one command (see `demo.ts`). Exit 0 when
 * every stage ended as it should, 1 otherwise, 130 when interrupted; in every case nothing is
 * left running and the temporary workspace is gone.
 */
import { DemoAborted } from "./abort.ts";
import { runDemo } from "./demo.ts";
import { renderSummary } from "./summary.ts";

async function main(): Promise<number> {
  const abort = new AbortController();
  const onSignal = () => {
    console.error("\ninterrupted: stopping everything the demo started…");
    abort.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  try {
    const report = await runDemo({ signal: abort.signal });
    console.log(`\n${renderSummary(report)}`);
    return report.stages.every((stage) => stage.ok) ? 0 : 1;
  } catch (error) {
    if (error instanceof DemoAborted) return 130;
    console.error(`demo: ${(error as Error).message}`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main());
