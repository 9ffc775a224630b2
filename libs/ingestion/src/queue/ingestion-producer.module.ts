import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CONFIG, type AppConfig } from '@factledger/platform';
import { ingestionBullRoot, queueTelemetry } from './ingestion-bull';
import { INGESTION_JOB_OPTIONS, INGESTION_QUEUE, ingestionJobOptions } from './ingestion-queue';
import { IngestionJobs } from './ingestion-jobs.service';
import { QueueMetrics } from './queue-metrics';
import { producerRedisOptions } from './redis-connection';

/**
 * Submitting and reading ingestion jobs (IngestionJobs), for the API and the
 * seeds. Its Redis connection has no offline queue: with Redis away calls
 * fail at once instead of hanging. Needs PlatformModule (CONFIG).
 */
@Module({
  imports: [
    ingestionBullRoot(),
    BullModule.registerQueueAsync({
      name: INGESTION_QUEUE,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => ({ connection: producerRedisOptions(config.redisUrl), ...queueTelemetry() }),
    }),
  ],
  providers: [IngestionJobs, QueueMetrics, { provide: INGESTION_JOB_OPTIONS, inject: [CONFIG], useFactory: ingestionJobOptions }],
  exports: [IngestionJobs],
})
export class IngestionProducerModule {}
