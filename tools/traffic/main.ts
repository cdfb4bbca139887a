/**
 * `deno task traffic [--endpoint URL] [--account ID] [--rate R] [--duration 30s]
 * [--max-requests N] [--feedback-share S] [--data FILE]`: realistic traffic against an
 * environment in local AWS — AG News test texts to the inference load balancer, feedback posts
 * to the feedback function URL — then per-version counts. Loopback only; bounded by rate,
 * duration (≤ 10 min) and request count.
 */
import { readAgNews } from "../../ml/dataset.ts";
import { parseTrafficOptions, TrafficOptionsError, USAGE } from "./options.ts";
import { discoverTargets, runTraffic } from "./run.ts";

async function main(args: string[]): Promise<number> {
  let options;
  try {
    options = parseTrafficOptions(args);
  } catch (error) {
    if (!(error instanceof TrafficOptionsError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  let targets;
  let texts;
  try {
    [targets, texts] = await Promise.all([
      discoverTargets(options.endpoint, { accountId: options.accountId }),
      readAgNews(options.data).then((d) => d.rows),
    ]);
  } catch (error) {
    console.error(`traffic: ${(error as Error).message}`);
    return 1;
  }
  console.log(
    `traffic: ${options.rate}/s for ${
      options.durationMs / 1000
    }s (at most ${options.maxRequests} requests)` +
      ` to ${targets.inference}` +
      (targets.feedback
        ? `, ${options.feedbackShare * 100}% with feedback to ${targets.feedback}`
        : ""),
  );
  const tally = await runTraffic(targets, {
    ...options,
    texts,
    onProgress: (sent) => console.log(`  sent ${sent}`),
  });
  console.log(tally.render());
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
