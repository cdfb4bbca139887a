/**
 * A minimal Prometheus client: counters, gauges and histograms with labels, rendered in
 * the text exposition format (version 0.0.4). The one writer of that format, shared by the
 * services, the controller's `--watch` and local AWS. Series are created on first use (or by
 * `init`) and kept, so label values must have small cardinality; metrics computed at scrape
 * time go in a fresh `Registry` per scrape.
 */

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function labelText(names: readonly string[], values: readonly string[], extra = ""): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? "")}"`);
  if (extra !== "") parts.push(extra);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function formatNumber(v: number): string {
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return Number.isNaN(v) ? "NaN" : String(v);
}

interface Metric {
  render(): string;
}

abstract class Family<S> implements Metric {
  protected readonly series = new Map<string, { values: string[]; state: S }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    private readonly type: string,
  ) {}

  protected get(values: readonly string[]): S {
    const key = values.join("\u0000");
    let s = this.series.get(key);
    if (s === undefined) {
      if (values.length !== this.labelNames.length) {
        throw new Error(`${this.name}: expected labels ${this.labelNames.join(", ")}`);
      }
      s = { values: [...values], state: this.initial() };
      this.series.set(key, s);
    }
    return s.state;
  }

  /** Creates the series for these label values at zero, so it is exported before any update. */
  init(labelValues: readonly string[] = []): void {
    this.get(labelValues);
  }

  protected abstract initial(): S;
  protected abstract lines(values: readonly string[], state: S): string[];

  render(): string {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const s of this.series.values()) out.push(...this.lines(s.values, s.state));
    return out.join("\n");
  }
}

export class Counter extends Family<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, "counter");
  }
  protected initial() {
    return { value: 0 };
  }
  inc(labelValues: readonly string[] = [], by = 1): void {
    this.get(labelValues).value += by;
  }
  value(labelValues: readonly string[] = []): number {
    return this.get(labelValues).value;
  }
  protected lines(values: readonly string[], s: { value: number }) {
    return [`${this.name}${labelText(this.labelNames, values)} ${formatNumber(s.value)}`];
  }
}

export class Gauge extends Family<{ value: number }> {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, "gauge");
  }
  protected initial() {
    return { value: 0 };
  }
  set(labelValues: readonly string[], value: number): void {
    this.get(labelValues).value = value;
  }
  protected lines(values: readonly string[], s: { value: number }) {
    return [`${this.name}${labelText(this.labelNames, values)} ${formatNumber(s.value)}`];
  }
}

interface HistogramState {
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

export class Histogram extends Family<HistogramState> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames, "histogram");
  }
  protected initial(): HistogramState {
    return { counts: new Float64Array(this.buckets.length), sum: 0, count: 0 };
  }
  observe(labelValues: readonly string[], value: number): void {
    const s = this.get(labelValues);
    const b = this.buckets;
    for (let i = 0; i < b.length; i++) {
      if (value <= b[i]!) {
        s.counts[i]!++;
        break;
      }
    }
    s.sum += value;
    s.count++;
  }
  protected lines(values: readonly string[], s: HistogramState) {
    const out: string[] = [];
    let cumulative = 0;
    this.buckets.forEach((le, i) => {
      cumulative += s.counts[i]!;
      out.push(
        `${this.name}_bucket${
          labelText(this.labelNames, values, `le="${formatNumber(le)}"`)
        } ${cumulative}`,
      );
    });
    out.push(`${this.name}_bucket${labelText(this.labelNames, values, 'le="+Inf"')} ${s.count}`);
    out.push(`${this.name}_sum${labelText(this.labelNames, values)} ${formatNumber(s.sum)}`);
    out.push(`${this.name}_count${labelText(this.labelNames, values)} ${s.count}`);
    return out;
  }
}

/** A set of metrics rendered together. */
export class Registry {
  private readonly metrics: Metric[] = [];
  register<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
  render(): string {
    return this.metrics.map((m) => m.render()).join("\n") + "\n";
  }
}
