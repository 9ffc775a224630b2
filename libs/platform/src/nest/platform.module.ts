import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { AppendNotifier, PostgresEventStore, type EventStore, type EventStoreTables } from '@factledger/event-store';
import type { AppConfig } from '../config/config.schema';
import { loadConfig } from '../config/load-config';
import { createDatabase, withSessionLimits, type DatabaseHandle } from '../database/database';
import { checkApplicationRole, DatabaseRoleError } from '../database/database-role';
import { RedisProbe } from '../redis/redis-probe';
import { MetricsRegistry } from '../observability/metrics-registry';
import { MetricsListener, type MetricsListenSetting } from '../observability/observability.module';
import { measuredEventStore, measurePool } from '../observability/store-metrics';
import { flushTracing } from '../observability/trace-context';
import {
  APPEND_NOTIFIER,
  CONFIG,
  DATABASE,
  EVENT_STORE,
  INSTANCE_ID,
  KYSELY,
  METRICS,
  METRICS_LISTEN_SETTING,
  READ_DATABASE,
  READ_KYSELY,
  REDIS_PROBE,
  SUBJECT_KEYS,
} from './tokens';
import { newInstanceId } from './instance-id';
import { SubjectKeys, type SubjectTables } from '../subjects/subject-keys.repository';

class PlatformLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: DatabaseHandle<unknown>,
    @Inject(READ_DATABASE) private readonly readDatabase: DatabaseHandle<unknown>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPEND_NOTIFIER) private readonly notifier: AppendNotifier,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
  ) {}

  /** A production process connected as a superuser or the log's owner stops here (tests connect as they choose). */
  async onModuleInit(): Promise<void> {
    if (this.config.nodeEnv === 'test') return;
    const logger = new Logger('database');
    await checkApplicationRole(this.database.db, { production: this.config.nodeEnv === 'production', warn: (m) => logger.warn(m) }).catch(
      (e: Error) => {
        // Unreachable now: /health says so; only a role that is known to be wrong stops the start.
        if (e instanceof DatabaseRoleError) throw e;
        logger.warn(`could not check the database role: ${e.message}`);
      },
    );
  }

  /** Appends accepted but not yet sent (group commit) reach PostgreSQL before anything closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close?.();
  }

  async onApplicationShutdown(): Promise<void> {
    this.notifier.close();
    await this.redis.close();
    if (this.readDatabase !== this.database) await this.readDatabase.close();
    await this.database.close();
    // Last: the spans of the shutdown itself are exported too.
    await flushTracing();
  }
}

/**
 * Which limits a process's connections carry: `request` (the API: tight statement and idle-in-transaction timeouts on
 * its pool) or `worker` (projectors, rebuilds and their index builds, the sealer, ingestion: their own, looser ones,
 * on the pool and, through the connection strings, on the sessions they open themselves).
 */
export type ConnectionKind = 'request' | 'worker';

const limitsOf = (config: AppConfig, kind: ConnectionKind) =>
  kind === 'request'
    ? { statementTimeoutMs: config.requestStatementTimeoutMs, idleInTransactionTimeoutMs: config.requestIdleInTransactionTimeoutMs }
    : { statementTimeoutMs: config.workerStatementTimeoutMs, idleInTransactionTimeoutMs: config.workerIdleInTransactionTimeoutMs };

/** A worker's config names its limits in its connection strings, so the projector's and sealer's own sessions get them too. */
export const scopedConfig = (config: AppConfig, kind: ConnectionKind): AppConfig => {
  if (kind === 'request') return config;
  const limits = limitsOf(config, kind);
  return {
    ...config,
    databaseUrl: withSessionLimits(config.databaseUrl, limits),
    sealerDatabaseUrl: config.sealerDatabaseUrl && withSessionLimits(config.sealerDatabaseUrl, limits),
  };
};

/** Config, the instance id, the database pools (the primary's, and the read side's: READ_KYSELY), the event store and a Redis probe, shared by every module. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: {
    config?: AppConfig;
    applicationName: string;
    metricsListen?: MetricsListenSetting;
    connections?: ConnectionKind;
  }): DynamicModule {
    const kind = options.connections ?? 'request';
    const providers = [
      { provide: CONFIG, useFactory: () => scopedConfig(options.config ?? loadConfig(), kind) },
      { provide: METRICS, useFactory: () => new MetricsRegistry({ app: options.applicationName }) },
      { provide: METRICS_LISTEN_SETTING, useValue: options.metricsListen ?? null },
      { provide: INSTANCE_ID, useFactory: newInstanceId },
      {
        provide: DATABASE,
        inject: [CONFIG, METRICS],
        useFactory: (config: AppConfig, metrics: MetricsRegistry) => {
          const handle = createDatabase(config.databaseUrl, {
            max: config.databasePoolSize,
            applicationName: options.applicationName,
            connectTimeoutMs: config.databaseConnectTimeoutMs,
            ...(kind === 'request' ? limitsOf(config, kind) : {}), // a worker's are in its URL already
          });
          measurePool(metrics, handle.pool, 'app', config.databasePoolSize);
          return handle;
        },
      },
      {
        // One seam for the read side: its own pool on the replica when READ_DATABASE_URL is set, else the primary's.
        provide: READ_DATABASE,
        inject: [CONFIG, METRICS, DATABASE],
        useFactory: (config: AppConfig, metrics: MetricsRegistry, primary: DatabaseHandle<unknown>) => {
          if (!config.readDatabaseUrl) return primary;
          const handle = createDatabase(config.readDatabaseUrl, {
            max: config.databasePoolSize,
            applicationName: `${options.applicationName}:read`,
            connectTimeoutMs: config.databaseConnectTimeoutMs,
            ...limitsOf(config, kind),
          });
          measurePool(metrics, handle.pool, 'read', config.databasePoolSize);
          return handle;
        },
      },
      { provide: KYSELY, inject: [DATABASE], useFactory: (d: DatabaseHandle<unknown>) => d.db },
      { provide: READ_KYSELY, inject: [READ_DATABASE], useFactory: (d: DatabaseHandle<unknown>) => d.db },
      { provide: APPEND_NOTIFIER, inject: [DATABASE], useFactory: (d: DatabaseHandle<unknown>) => new AppendNotifier(d.pool) },
      {
        provide: EVENT_STORE,
        inject: [DATABASE, APPEND_NOTIFIER, METRICS],
        // Appends go straight to the pool as prepared statements (parsed and planned once per
        // connection: ~35 µs less backend CPU each, bench/analysis.md), with group commit.
        useFactory: (d: DatabaseHandle<EventStoreTables>, n: AppendNotifier, m: MetricsRegistry) =>
          measuredEventStore(new PostgresEventStore(d.db, n, { pool: d.pool }), m),
      },
      { provide: SUBJECT_KEYS, inject: [DATABASE], useFactory: (d: DatabaseHandle<SubjectTables>) => new SubjectKeys(d.db) },
      { provide: REDIS_PROBE, inject: [CONFIG], useFactory: (config: AppConfig) => new RedisProbe(config.redisUrl) },
      PlatformLifecycle,
      MetricsListener,
    ];
    return {
      module: PlatformModule,
      providers,
      exports: [
        CONFIG,
        INSTANCE_ID,
        DATABASE,
        KYSELY,
        READ_DATABASE,
        READ_KYSELY,
        EVENT_STORE,
        SUBJECT_KEYS,
        APPEND_NOTIFIER,
        REDIS_PROBE,
        METRICS,
        MetricsListener,
      ],
    };
  }
}
