import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  AnyText,
  Fraction,
  ListenAddress,
  Nullable,
  OneOf,
  PostgresUrl,
  RedisUrl,
  Text,
  WholeNumber,
  type Env,
  type SettingKeywords,
} from './setting-kinds';

export type { SettingKind, SettingKeywords } from './setting-kinds';

/**
 * Every setting factledger reads from the environment, as one TypeBox schema
 * (the contract's schema library): each property names its variable (`env`),
 * its default (as the text the variable would hold) and what it is for; the
 * config type is inferred from it. `loadConfig` reads the text, converts it
 * as the setting's `kind` says and validates it with TypeBox's Value.
 * `docker-compose.yml` and `.env.example` are checked against this list by a test.
 */
export const ConfigSchema = Type.Object({
  databaseUrl: PostgresUrl({
    env: 'DATABASE_URL',
    default: 'postgres://factledger_app:factledger_app@127.0.0.1:5432/factledger',
    description:
      'PostgreSQL connection of the API, worker and CLIs: the application role (factledger_app; the default is the one `npm start` makes on the local server)',
  }),
  migrationDatabaseUrl: Nullable(
    PostgresUrl({
      env: 'MIGRATION_DATABASE_URL',
      default: '',
      description: 'connection of `factledger migrate`: the owner role (factledger_owner); unset: DATABASE_URL',
    }),
  ),
  sealerDatabaseUrl: Nullable(
    PostgresUrl({
      env: 'SEALER_DATABASE_URL',
      default: '',
      description: "the worker's sealer connection, the only role that writes the audit tables (factledger_sealer); unset: DATABASE_URL",
    }),
  ),
  readDatabaseUrl: Nullable(
    PostgresUrl({
      env: 'READ_DATABASE_URL',
      default: '',
      description:
        "a PostgreSQL streaming replica (hot standby) of DATABASE_URL, same role: the API's queries, auditor feed, proofs and exports read there (minPosition waits for its replay); writes, key checks, projections and the sealer stay on DATABASE_URL. Unset: DATABASE_URL",
    }),
  ),
  databaseAdminUrl: Nullable(
    PostgresUrl({
      env: 'DATABASE_ADMIN_URL',
      default: '',
      description: 'an administrator (superuser or CREATEROLE) for `factledger db-init`, which creates the roles; never given to the API or worker',
    }),
  ),
  databasePoolSize: WholeNumber(1, 200, { env: 'DATABASE_POOL_SIZE', default: '10', description: 'connections per process' }),
  redisUrl: RedisUrl({ env: 'REDIS_URL', default: 'redis://127.0.0.1:6379', description: 'Redis for the BullMQ queues' }),
  queuePrefix: Text({ env: 'QUEUE_PREFIX', default: 'factledger', description: "BullMQ key prefix, followed by the ledger database's identity" }),
  host: Text({ env: 'HOST', default: '0.0.0.0', description: 'API listen address' }),
  port: WholeNumber(0, 65535, { env: 'PORT', default: '3000', description: 'API listen port' }),
  bodyLimitBytes: WholeNumber(1024, 64 * 1024 * 1024, {
    env: 'BODY_LIMIT_BYTES',
    default: String(2 * 1024 * 1024),
    description: 'largest accepted request body',
  }),
  logLevel: OneOf(['error', 'warn', 'log', 'debug', 'verbose'], { env: 'LOG_LEVEL', default: 'log', description: 'most verbose level logged' }),
  readWaitTimeoutMs: WholeNumber(0, 60000, { env: 'READ_WAIT_TIMEOUT_MS', default: '5000', description: 'longest a read waits for minPosition' }),
  estimateCache: OneOf(['on', 'off'], {
    env: 'ESTIMATE_CACHE',
    default: 'on',
    description: "answer current estimates from memory, invalidated by the projector's notifications",
  }),
  estimateCacheMaxEntries: WholeNumber(1, 1_000_000, {
    env: 'ESTIMATE_CACHE_MAX_ENTRIES',
    default: '10000',
    description: 'most estimates the API keeps in memory (least recently used go first)',
  }),
  estimateCacheMaxAgeMs: WholeNumber(0, 3_600_000, {
    env: 'ESTIMATE_CACHE_MAX_AGE_MS',
    default: '60000',
    description: "safety bound on a cached estimate's age; 0 caches nothing",
  }),
  headEstimateBudgetMs: WholeNumber(0, 10_000, {
    env: 'HEAD_ESTIMATE_BUDGET_MS',
    default: '50',
    description:
      "the figures projector's time per batch for recomputing kept head estimates (the rest wait for later batches, and readers compute them meanwhile): bounds the lag they add; 0 keeps none",
  }),
  signingKeyFile: Text({
    env: 'SIGNING_KEY_FILE',
    default: '.factledger/signing-key.pem',
    description: 'Ed25519 private key for checkpoints (created on first start)',
  }),
  checkpointArchiveDir: Nullable(
    Text({
      env: 'CHECKPOINT_ARCHIVE_DIR',
      default: '',
      description:
        "a directory outside the database (another disk, a mounted object store) where the worker writes every signed checkpoint (and latest.json); restore and the worker's start refuse a ledger behind the latest one. Unset: off",
    }),
  ),
  idempotencyLeaseMs: WholeNumber(1000, 3_600_000, {
    env: 'IDEMPOTENCY_LEASE_MS',
    default: '30000',
    description: 'how long a claimed Idempotency-Key waits for its request; a retry after that takes it over and runs again',
  }),
  idempotencyRetentionHours: WholeNumber(1, 24 * 366, {
    env: 'IDEMPOTENCY_RETENTION_HOURS',
    default: String(24 * 7),
    description: 'Idempotency-Keys older than this are forgotten (purged by the API)',
  }),
  workerHeartbeatFile: Nullable(
    AnyText({
      env: 'WORKER_HEARTBEAT_FILE',
      default: '',
      description: 'the worker touches this file every 10 s while its database answers (a container healthcheck reads its age); unset: off',
    }),
  ),
  readAccess: OneOf(['public', 'key'], {
    env: 'READ_ACCESS',
    default: 'public',
    description: 'public: anyone may query and audit (a transparency log); key: reads need a key with reader (queries) or auditor (history, proofs)',
  }),
  apiKeyCacheTtlMs: WholeNumber(0, 60_000, {
    env: 'API_KEY_CACHE_TTL_MS',
    default: '5000',
    description: 'how long an API instance trusts its copy of a key: a key revoked elsewhere stops working within this bound',
  }),
  rateLimitWindowMs: WholeNumber(1000, 3_600_000, {
    env: 'RATE_LIMIT_WINDOW_MS',
    default: '60000',
    description: 'the window every rate-limit budget counts over (shared by API instances through Redis)',
  }),
  rateLimitReads: WholeNumber(1, 1_000_000, {
    env: 'RATE_LIMIT_READS',
    default: '600',
    description: 'reads per window, per key (per client address without one)',
  }),
  rateLimitWrites: WholeNumber(1, 1_000_000, { env: 'RATE_LIMIT_WRITES', default: '120', description: 'writes per window, per key' }),
  rateLimitIngestions: WholeNumber(1, 1_000_000, {
    env: 'RATE_LIMIT_INGESTIONS',
    default: '30',
    description: 'ingestion submissions per window, per key',
  }),
  rateLimitTails: WholeNumber(1, 1_000_000, {
    env: 'RATE_LIMIT_TAILS',
    default: '20',
    description: 'live tails and exports opened per window, per key (per client address without one)',
  }),
  maxOpenStreamsPerPrincipal: WholeNumber(1, 1000, {
    env: 'MAX_OPEN_STREAMS_PER_PRINCIPAL',
    default: '4',
    description: 'live tails and exports one key (or client address) may hold open at once on one API instance',
  }),
  ingestionFailedRetentionHours: WholeNumber(1, 24 * 366, {
    env: 'INGESTION_FAILED_RETENTION_HOURS',
    default: String(24 * 14),
    description: 'failed ingestion jobs are kept this long for inspection and retry',
  }),
  ingestionFailedMax: WholeNumber(1, 1_000_000, {
    env: 'INGESTION_FAILED_MAX',
    default: '1000',
    description: 'at most this many failed ingestion jobs are kept (oldest go first)',
  }),
  metricsListen: Nullable(
    ListenAddress({
      env: 'METRICS_LISTEN',
      default: '',
      description:
        "host:port of an extra API listener serving GET /metrics WITHOUT authentication, for a private network (e.g. 127.0.0.1:9464); unset: off (the API's own /metrics needs an admin key)",
    }),
  ),
  workerMetricsListen: Nullable(
    ListenAddress({
      env: 'WORKER_METRICS_LISTEN',
      default: '127.0.0.1:9465',
      description:
        'host:port where a worker serves GET /metrics without authentication (give each worker on one host its own port; port 0: any free one); empty: off',
    }),
  ),
  extractionConfidenceThreshold: Fraction({
    env: 'EXTRACTION_CONFIDENCE_THRESHOLD',
    default: '0.5',
    description: "an article's figures with at least this calibrated confidence are reported; the rest are kept as candidates for an editor's review",
  }),
  extractionTimeoutMs: WholeNumber(1000, 3_600_000, {
    env: 'EXTRACTION_TIMEOUT_MS',
    default: '60000',
    description: 'longest the worker extracts one article (in a worker thread); an article over it fails for good (ingestion.extraction_timeout)',
  }),
  extractionMaxHeapMb: WholeNumber(64, 8192, {
    env: 'EXTRACTION_MAX_HEAP_MB',
    default: '256',
    description: 'V8 heap of an extraction thread; an article needing more fails for good (ingestion.extraction_memory)',
  }),
  extractionThreads: WholeNumber(1, 64, {
    env: 'EXTRACTION_THREADS',
    default: '1',
    description: 'extraction threads per worker process (jobs run one at a time, so 1 is enough)',
  }),
  databaseConnectTimeoutMs: WholeNumber(100, 600_000, {
    env: 'DATABASE_CONNECT_TIMEOUT_MS',
    default: '5000',
    description: 'longest a query waits for a pool connection (a free one, or a new one to connect); past it a request answers 503 database.busy',
  }),
  requestStatementTimeoutMs: WholeNumber(0, 3_600_000, {
    env: 'REQUEST_STATEMENT_TIMEOUT_MS',
    default: '15000',
    description:
      "statement_timeout of the API's connections (requests; an export or tail reads page by page, each page a statement); past it 503 database.timeout. 0: none",
  }),
  requestIdleInTransactionTimeoutMs: WholeNumber(0, 3_600_000, {
    env: 'REQUEST_IDLE_IN_TRANSACTION_TIMEOUT_MS',
    default: '15000',
    description:
      "idle_in_transaction_session_timeout of the API's connections: a transaction left idle this long is ended by the server, so it cannot stall gap-safe readers. 0: none",
  }),
  workerStatementTimeoutMs: WholeNumber(0, 86_400_000, {
    env: 'WORKER_STATEMENT_TIMEOUT_MS',
    default: '1800000',
    description:
      "statement_timeout of the worker's connections (projector batches, rebuilds with their index builds, the sealer, ingestion). 0: none",
  }),
  workerIdleInTransactionTimeoutMs: WholeNumber(0, 86_400_000, {
    env: 'WORKER_IDLE_IN_TRANSACTION_TIMEOUT_MS',
    default: '300000',
    description: "idle_in_transaction_session_timeout of the worker's connections. 0: none",
  }),
  healthOpenTransactionMaxAgeMs: WholeNumber(1000, 86_400_000, {
    env: 'HEALTH_OPEN_TRANSACTION_MAX_AGE_MS',
    default: '60000',
    description: "/health is degraded while a transaction anywhere in the cluster that holds back the readers' horizon (xmin) is older than this",
  }),
  shutdownTimeoutMs: WholeNumber(100, 600_000, {
    env: 'SHUTDOWN_TIMEOUT_MS',
    default: '20000',
    description:
      'on SIGTERM the API drains requests and ends live tails, the worker finishes its batch and job; past this the process exits 1 anyway',
  }),
  adminSessionTtlSeconds: WholeNumber(1, 86_400, {
    env: 'ADMIN_SESSION_TTL_SECONDS',
    default: '900',
    description: 'lifetime of a browser session for the operator pages (/admin/login, the queue dashboard), from the login; not renewed by use',
  }),
  nodeEnv: OneOf(['development', 'production', 'test'], { env: 'NODE_ENV', default: 'development', description: 'runtime mode' }),
});

export type AppConfig = Static<typeof ConfigSchema>;

/** A setting's schema with its keywords. */
export type SettingSchema = TSchema & SettingKeywords & { anyOf?: (TSchema & SettingKeywords)[]; minimum?: number; maximum?: number };

/** Every setting: its config key, variable, default and description. */
export const SETTINGS: ({ key: keyof AppConfig; schema: SettingSchema } & Env)[] = Object.entries(ConfigSchema.properties).map(([key, schema]) => {
  const s = schema as unknown as SettingSchema;
  return { key: key as keyof AppConfig, schema: s, env: s.env, default: s.default, description: s.description };
});
