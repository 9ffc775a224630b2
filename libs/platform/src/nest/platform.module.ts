import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AppendNotifier, PostgresEventStore } from '@factledger/event-store';
import type { AppConfig } from '../config/config.schema';
import { loadConfig } from '../config/load-config';
import { createDatabase, type DatabaseHandle } from '../database/database';
import { RedisProbe } from '../redis/redis-probe';
import { APPEND_NOTIFIER, CONFIG, DATABASE, EVENT_STORE, KYSELY, REDIS_PROBE } from './tokens';

class PlatformLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle<unknown>,
    @Inject(APPEND_NOTIFIER) private readonly notifier: AppendNotifier,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.notifier.close();
    await this.redis.close();
    await this.database.close();
  }
}

/** Config, the database pool, the event store and a Redis probe, shared by every module. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: { config?: AppConfig; applicationName: string }): DynamicModule {
    const providers = [
      { provide: CONFIG, useFactory: () => options.config ?? loadConfig() },
      {
        provide: DATABASE,
        inject: [CONFIG],
        useFactory: (config: AppConfig) =>
          createDatabase(config.databaseUrl, { max: config.databasePoolSize, applicationName: options.applicationName }),
      },
      { provide: KYSELY, inject: [DATABASE], useFactory: (d: DatabaseHandle<unknown>) => d.db },
      { provide: APPEND_NOTIFIER, inject: [DATABASE], useFactory: (d: DatabaseHandle<unknown>) => new AppendNotifier(d.pool) },
      {
        provide: EVENT_STORE,
        inject: [DATABASE, APPEND_NOTIFIER],
        useFactory: (d: DatabaseHandle<any>, n: AppendNotifier) => new PostgresEventStore(d.db, n),
      },
      { provide: REDIS_PROBE, inject: [CONFIG], useFactory: (config: AppConfig) => new RedisProbe(config.redisUrl) },
      PlatformLifecycle,
    ];
    return {
      module: PlatformModule,
      providers,
      exports: [CONFIG, DATABASE, KYSELY, EVENT_STORE, APPEND_NOTIFIER, REDIS_PROBE],
    };
  }
}
