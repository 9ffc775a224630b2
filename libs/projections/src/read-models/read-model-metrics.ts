import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { EngineDb } from '../engine/projection.tables';
import { KYSELY, METRICS, scrapeSafely, type MetricsRegistry } from '@factledger/platform';
import { projectionStatus, type BatchObserver, type ProjectionLiveState, type ProjectionStatus } from '../engine';

const STATES: readonly ProjectionLiveState[] = ['running', 'rebuilding', 'stopped', 'failed', 'retired'];

/**
 * Read-model gauges, read from the database at scrape time (the same answer
 * from the API and from every worker: aggregate with max), and the batch
 * counters of the projections this process applies.
 */
@Injectable()
export class ReadModelMetrics implements OnModuleInit {
  private snapshot: { at: number; rows: Promise<ProjectionStatus[]> } | null = null;

  constructor(
    @Inject(METRICS) private readonly metrics: MetricsRegistry,
    @Inject(KYSELY) private readonly db: Kysely<EngineDb>,
  ) {}

  onModuleInit(): void {
    const labelNames = ['read_model', 'version'] as const;
    const each = (fill: (row: ProjectionStatus, labels: { read_model: string; version: string }) => void) =>
      scrapeSafely(async () => {
        for (const row of await this.status()) fill(row, { read_model: row.name, version: String(row.version) });
      });
    this.metrics.gauge({
      name: 'factledger_read_model_checkpoint_position',
      help: "Global log position of the read model version's checkpoint",
      labelNames,
      collect() {
        return each((row, labels) => this.set(labels, Number(row.checkpoint.position)));
      },
    });
    this.metrics.gauge({
      name: 'factledger_read_model_lag_events',
      help: 'Committed events after the checkpoint (counted up to 100,000)',
      labelNames,
      collect() {
        return each((row, labels) => this.set(labels, row.lagEvents));
      },
    });
    this.metrics.gauge({
      name: 'factledger_read_model_lag_seconds',
      help: "Recorded time of the newest event minus that of the checkpoint's event (0 when caught up)",
      labelNames,
      collect() {
        return each((row, labels) => this.set(labels, row.lagSeconds));
      },
    });
    this.metrics.gauge({
      name: 'factledger_read_model_state',
      help: "1 for the read model version's current state (running, rebuilding, stopped, failed, retired), 0 for the others",
      labelNames: [...labelNames, 'state'] as const,
      collect() {
        return each((row, labels) => {
          for (const state of STATES) this.set({ ...labels, state }, row.state === state ? 1 : 0);
        });
      },
    });
  }

  /** Batch counters for the engines of this process (ProjectorService passes it to each engine). */
  readonly onBatch: BatchObserver = (batch) => {
    const labelNames = ['read_model', 'mode'] as const;
    const labels = { read_model: batch.name, mode: batch.mode };
    this.metrics
      .counter({ name: 'factledger_projection_batches_total', help: "Batches committed by this process's projectors", labelNames })
      .inc(labels);
    this.metrics
      .counter({ name: 'factledger_projection_events_total', help: "Events the checkpoint moved over in this process's batches", labelNames })
      .inc(labels, batch.events);
    this.metrics
      .histogram({ name: 'factledger_projection_batch_duration_seconds', help: 'Batch duration (read, apply, commit)', labelNames })
      .observe(labels, batch.seconds);
  };

  /** One status query per scrape, shared by the four gauges. */
  private status(): Promise<ProjectionStatus[]> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > 1000) {
      this.snapshot = { at: now, rows: projectionStatus(this.db) };
      this.snapshot.rows.catch(() => (this.snapshot = null));
    }
    return this.snapshot.rows;
  }
}
