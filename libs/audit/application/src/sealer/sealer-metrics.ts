import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { KYSELY, METRICS, scrapeSafely, type MetricsRegistry } from '@factledger/platform';
import { readSealerStatus, type SealerStatus } from './sealer-status';

/** Sealer gauges, read from the database at scrape time (as /health reads them; the same from every process). */
@Injectable()
export class SealerMetrics implements OnModuleInit {
  private snapshot: { at: number; status: Promise<SealerStatus> } | null = null;

  constructor(
    @Inject(METRICS) private readonly metrics: MetricsRegistry,
    @Inject(KYSELY) private readonly db: Kysely<AuditDb>,
  ) {}

  onModuleInit(): void {
    const read = (fill: (status: SealerStatus) => void) => scrapeSafely(async () => fill(await this.status()));
    this.metrics.gauge({
      name: 'factledger_sealer_tree_size',
      help: 'Leaves in the audit Merkle tree (events sealed)',
      collect() {
        return read((s) => this.set(s.treeSize));
      },
    });
    this.metrics.gauge({
      name: 'factledger_sealer_unsealed_events',
      help: 'Committed events not sealed yet (counted up to 100,000)',
      collect() {
        return read((s) => this.set(s.lagEvents));
      },
    });
    this.metrics.gauge({
      name: 'factledger_sealer_stalled',
      help: '1 while the sealer is stalled (an unsealable event, or not progressing), else 0',
      collect() {
        return read((s) => this.set(s.state === 'stalled' ? 1 : 0));
      },
    });
  }

  private status(): Promise<SealerStatus> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > 1000) {
      this.snapshot = { at: now, status: readSealerStatus(this.db) };
      this.snapshot.status.catch(() => (this.snapshot = null));
    }
    return this.snapshot.status;
  }
}
