import { BullModule } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import { CONFIG, type AppConfig } from '@factledger/platform';
import { ExtractionPool } from '../extraction/extraction-pool';
import { LedgerModule } from '@factledger/ledger';
import { ingestionBullRoot } from '../queue/ingestion-bull';
import { INGESTION_QUEUE } from '../queue/ingestion-queue';
import { DEFAULT_INGESTION_WORKER_OPTIONS, INGESTION_HOOKS, INGESTION_WORKER_OPTIONS } from './ingestion-hooks';
import { IngestionProcessor } from './ingestion.processor';
import { QueueMetrics } from '../queue/queue-metrics';

/**
 * The ingestion worker: turns `ingestion` jobs into ledger commands. Needs
 * PlatformModule and CqrsModule.forRoot() in the app (WorkerModule has both)
 * and the `catalog` and `figures` read models running somewhere.
 */
@Module({
  imports: [LedgerModule, ingestionBullRoot(), BullModule.registerQueue({ name: INGESTION_QUEUE })],
  providers: [
    IngestionProcessor,
    QueueMetrics,
    {
      provide: ExtractionPool,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => {
        const pool = new ExtractionPool({
          timeoutMs: config.extractionTimeoutMs,
          maxHeapMb: config.extractionMaxHeapMb,
          threads: config.extractionThreads,
        });
        const logger = new Logger('extraction');
        pool.onIdleError = (error) => logger.warn(`an extraction thread failed: ${error.message}`);
        return pool;
      },
    },
    { provide: INGESTION_HOOKS, useValue: {} },
    { provide: INGESTION_WORKER_OPTIONS, useValue: DEFAULT_INGESTION_WORKER_OPTIONS },
  ],
})
export class IngestionWorkerModule {}
