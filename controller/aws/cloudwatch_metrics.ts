/**
 * `CloudWatchMetricsPort` over `@aws-sdk/client-cloudwatch`: `GetMetricData` with pagination.
 * The only file that speaks CloudWatch's SDK. (The installed SDK uses the AWS JSON 1.0
 * protocol, `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`.)
 */
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type {
  CloudWatchMetricsPort,
  MetricSeries,
  MetricStatQuery,
} from "../analysis/cloudwatch_provider.ts";
import { classifyAwsError } from "./errors.ts";
import { clientConfig, countCalls, type SdkOptions } from "./sdk_options.ts";

/** GetMetricData pages at most this many times (100,800 datapoints each at most). */
const PAGE_LIMIT = 20;

export function createCloudWatchMetrics(
  options: SdkOptions,
): CloudWatchMetricsPort & { close(): void } {
  const client = new CloudWatchClient(clientConfig(options));
  countCalls(client.middlewareStack as never, options);
  return {
    async getMetricData(queries, window, { signal } = {}) {
      const series = new Map<string, { timestamps: number[]; values: number[] }>(
        queries.map((q) => [q.id, { timestamps: [], values: [] }]),
      );
      let nextToken: string | undefined;
      for (let page = 0; page < PAGE_LIMIT; page++) {
        const output = await client.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries.map(toQuery),
            StartTime: new Date(window.start),
            EndTime: new Date(window.end),
            ScanBy: "TimestampAscending",
            NextToken: nextToken,
          }),
          signal ? { abortSignal: signal } : {},
        ).catch((error) => {
          throw classifyAwsError("GetMetricData", error);
        });
        for (const result of output.MetricDataResults ?? []) {
          const target = series.get(result.Id ?? "");
          if (!target) continue;
          target.timestamps.push(...(result.Timestamps ?? []).map((t) => t.getTime()));
          target.values.push(...(result.Values ?? []));
        }
        nextToken = output.NextToken;
        if (!nextToken) break;
      }
      return [...series].map(([id, s]): MetricSeries => ({ id, ...s }));
    },
    close: () => client.destroy(),
  };
}

function toQuery(query: MetricStatQuery) {
  return {
    Id: query.id,
    MetricStat: {
      Metric: {
        Namespace: query.namespace,
        MetricName: query.metricName,
        Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: query.periodSeconds,
      Stat: query.stat,
    },
    ReturnData: true,
  };
}
