import { BullModule } from '@nestjs/bullmq';
import { CONFIG, type AppConfig } from '@factledger/platform';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * Root BullMQ config from the app's CONFIG: Redis URL and key prefix. Workers
 * use this connection (blocking, with an offline queue so they ride out a
 * Redis restart); the API overrides it for its producer (see ingestion-api.module).
 */
export const ingestionBullRoot = () =>
  BullModule.forRootAsync({
    inject: [CONFIG],
    useFactory: (config: AppConfig) => ({ prefix: config.queuePrefix, connection: redisOptionsFromUrl(config.redisUrl) }),
  });
