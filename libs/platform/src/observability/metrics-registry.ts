import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/** Seconds buckets for requests, appends and jobs: 1 ms to 30 s. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One Prometheus registry per application (API, worker): the process's
 * default metrics plus factledger's own, all named `factledger_…`. A registry
 * per app rather than prom-client's global one keeps two apps in one process
 * (tests) apart. Any module may add metrics: inject `METRICS` and ask for a
 * counter, histogram or gauge by name; asking twice returns the same one.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(labels: { app: string }) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.existing<Counter<L>>(config.name) ?? new Counter({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.existing<Histogram<L>>(config.name) ?? new Histogram({ buckets: DURATION_BUCKETS, ...config, registers: [this.registry] });
  }

  /** A gauge; with `collect`, its value is read at scrape time (e.g. from the database). */
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.existing<Gauge<L>>(config.name) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text, as `GET /metrics` answers it. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private existing<M>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }
}

/** Runs a scrape-time reading without failing the whole scrape: a database away leaves the gauge at its last value. */
export async function scrapeSafely(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch {
    // The scrape still answers; factledger_up-style health is /health's job.
  }
}
