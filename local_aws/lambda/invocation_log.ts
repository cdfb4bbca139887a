/**
 * Per-version invocation metrics of local Lambda, keyed like CloudWatch's `ExecutedVersion`
 * dimension. Each invocation is appended as one JSON line to
 * `<stateDir>/<account>/invocations.jsonl` (an O_APPEND write of one short line is atomic), so
 * a server process and a controller process see the same metrics.
 */
export interface InvocationRecord {
  /** Clock time of the invocation, ms since the epoch. */
  readonly t: number;
  readonly functionName: string;
  readonly executedVersion: string;
  readonly error: boolean;
  readonly throttled?: boolean;
  readonly durationMs: number;
  /** HTTP status the function URL answered, for invocations through a function URL. */
  readonly urlStatus?: number;
}

export interface InvocationQuery {
  readonly accountId: string;
  readonly functionName: string;
  /** Only this version (e.g. "3"); all versions when absent. */
  readonly executedVersion?: string;
  /** Inclusive start of the window, ms since the epoch. */
  readonly startTime?: number;
  /** Exclusive end of the window, ms since the epoch. */
  readonly endTime?: number;
}

export interface VersionInvocationMetrics {
  readonly functionName: string;
  readonly executedVersion: string;
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  /** Durations of the invocations in the window, ascending. */
  readonly durationsMs: readonly number[];
  /** Invocations through a function URL, and those it answered with a 4xx / 5xx. */
  readonly urlRequests: number;
  readonly url4xx: number;
  readonly url5xx: number;
}

export class InvocationLog {
  constructor(readonly stateDir: string) {}

  async record(accountId: string, record: InvocationRecord): Promise<void> {
    const dir = `${this.stateDir}/${accountId}`;
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(`${dir}/invocations.jsonl`, JSON.stringify(record) + "\n", {
      append: true,
    });
  }

  /** Metrics per executed version of one function in a time window, versions ascending. */
  async query(query: InvocationQuery): Promise<VersionInvocationMetrics[]> {
    const byVersion = new Map<string, InvocationRecord[]>();
    for (const record of await this.#read(query.accountId)) {
      if (record.functionName !== query.functionName) continue;
      if (query.executedVersion !== undefined && record.executedVersion !== query.executedVersion) {
        continue;
      }
      if (query.startTime !== undefined && record.t < query.startTime) continue;
      if (query.endTime !== undefined && record.t >= query.endTime) continue;
      const list = byVersion.get(record.executedVersion) ?? [];
      list.push(record);
      byVersion.set(record.executedVersion, list);
    }
    return [...byVersion.entries()]
      .sort(([a], [b]) => compareVersions(a, b))
      .map(([executedVersion, records]) => ({
        functionName: query.functionName,
        executedVersion,
        invocations: records.filter((r) => !r.throttled).length,
        errors: records.filter((r) => r.error).length,
        throttles: records.filter((r) => r.throttled).length,
        durationsMs: records.filter((r) => !r.throttled).map((r) => r.durationMs).sort((a, b) =>
          a - b
        ),
        urlRequests: records.filter((r) => r.urlStatus !== undefined).length,
        url4xx:
          records.filter((r) =>
            r.urlStatus !== undefined && r.urlStatus >= 400 && r.urlStatus < 500
          )
            .length,
        url5xx: records.filter((r) => r.urlStatus !== undefined && r.urlStatus >= 500).length,
      }));
  }

  /** Every recorded invocation of an account, oldest first. */
  records(accountId: string): Promise<InvocationRecord[]> {
    return this.#read(accountId);
  }

  async #read(accountId: string): Promise<InvocationRecord[]> {
    let text: string;
    try {
      text = await Deno.readTextFile(`${this.stateDir}/${accountId}/invocations.jsonl`);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
    const records: InvocationRecord[] = [];
    for (const line of text.split("\n")) {
      if (line === "") continue;
      try {
        records.push(JSON.parse(line) as InvocationRecord);
      } catch {
        // a line torn by a crash mid-write is skipped, the rest still counts
      }
    }
    return records;
  }
}

function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "$LATEST") return -1;
  if (b === "$LATEST") return 1;
  return Number(a) - Number(b);
}
