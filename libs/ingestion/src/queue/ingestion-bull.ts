import { BullModule } from '@nestjs/bullmq';
import type { Kysely } from 'kysely';
import { BullMQOtel } from 'bullmq-otel';
import { CONFIG, KYSELY, ledgerId, tracingRequested, type AppConfig, type PlatformTables } from '@factledger/platform';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * The queue's Redis key prefix: QUEUE_PREFIX scoped by the ledger's identity,
 * so jobs (deduplicated by content hash) never answer for another ledger
 * database sharing the Redis, e.g. one reset since.
 */
export const ingestionQueuePrefix = async (config: Pick<AppConfig, 'queuePrefix'>, db: Kysely<PlatformTables>): Promise<string> =>
  `${config.queuePrefix}:${await ledgerId(db)}`;

/**
 * BullMQ's own OpenTelemetry spans when tracing is on: adding a job carries
 * the producer's trace context in the job, and the worker's processing span
 * continues that trace.
 */
export const queueTelemetry = (): { telemetry?: BullMQOtel } =>
  tracingRequested() ? { telemetry: new BullMQOtel({ tracerName: 'factledger' }) } : {};

/**
 * Root BullMQ config from the app's CONFIG: Redis URL and key prefix. Workers
 * use this connection (blocking, with an offline queue so they ride out a
 * Redis restart); the API overrides it for its producer (see ingestion-api.module).
 */
export const ingestionBullRoot = () =>
  BullModule.forRootAsync({
    inject: [CONFIG, KYSELY],
    useFactory: async (config: AppConfig, db: Kysely<PlatformTables>) => ({
      prefix: await ingestionQueuePrefix(config, db),
      connection: redisOptionsFromUrl(config.redisUrl),
      ...queueTelemetry(),
    }),
  });
