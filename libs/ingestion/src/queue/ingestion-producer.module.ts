import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CONFIG, type AppConfig } from '@factledger/platform';
import { ingestionBullRoot } from './ingestion-bull';
import { DEFAULT_INGESTION_JOB_OPTIONS, INGESTION_JOB_OPTIONS, INGESTION_QUEUE } from './ingestion-queue';
import { IngestionJobs } from './ingestion-jobs.service';
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
      useFactory: (config: AppConfig) => ({ connection: producerRedisOptions(config.redisUrl) }),
    }),
  ],
  providers: [IngestionJobs, { provide: INGESTION_JOB_OPTIONS, useValue: DEFAULT_INGESTION_JOB_OPTIONS }],
  exports: [IngestionJobs],
})
export class IngestionProducerModule {}
