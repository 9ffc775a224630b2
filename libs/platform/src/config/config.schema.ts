import { parseListenAddress } from '../observability/metrics-server';

/**
 * Every setting factledger reads from the environment, with its default.
 * `docker-compose.yml` and `.env.example` are checked against this list by a test.
 */
export interface AppConfig {
  databaseUrl: string;
  migrationDatabaseUrl: string | null;
  sealerDatabaseUrl: string | null;
  databaseAdminUrl: string | null;
  databasePoolSize: number;
  redisUrl: string;
  queuePrefix: string;
  host: string;
  port: number;
  bodyLimitBytes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  readWaitTimeoutMs: number;
  estimateCache: 'on' | 'off';
  estimateCacheMaxEntries: number;
  estimateCacheMaxAgeMs: number;
  signingKeyFile: string;
  checkpointArchiveDir: string | null;
  idempotencyLeaseMs: number;
  idempotencyRetentionHours: number;
  workerHeartbeatFile: string | null;
  readAccess: 'public' | 'key';
  apiKeyCacheTtlMs: number;
  rateLimitWindowMs: number;
  rateLimitReads: number;
  rateLimitWrites: number;
  rateLimitIngestions: number;
  rateLimitTails: number;
  maxOpenStreamsPerPrincipal: number;
  ingestionFailedRetentionHours: number;
  ingestionFailedMax: number;
  extractionConfidenceThreshold: number;
  extractionTimeoutMs: number;
  extractionMaxHeapMb: number;
  extractionThreads: number;
  databaseConnectTimeoutMs: number;
  requestStatementTimeoutMs: number;
  requestIdleInTransactionTimeoutMs: number;
  workerStatementTimeoutMs: number;
  workerIdleInTransactionTimeoutMs: number;
  healthOpenTransactionMaxAgeMs: number;
  shutdownTimeoutMs: number;
  adminSessionTtlSeconds: number;
  nodeEnv: 'development' | 'production' | 'test';
  metricsListen: string | null;
  workerMetricsListen: string | null;
}

type Parser<T> = (raw: string) => T;

interface Setting<K extends keyof AppConfig> {
  key: K;
  env: string;
  default: string;
  parse: Parser<AppConfig[K]>;
  description: string;
}

const int = (min: number, max: number): Parser<number> => (raw) => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`must be a whole number from ${min} to ${max}`);
  return n;
};
/** A probability: a decimal from 0 to 1. */
const fraction: Parser<number> = (raw) => {
  const n = Number(raw);
  if (!/^(?:0|1|0?\.\d+|1\.0+)$/.test(raw.trim()) || n < 0 || n > 1) throw new Error('must be a decimal from 0 to 1');
  return n;
};
const url = (...protocols: string[]): Parser<string> => (raw) => {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`must be a URL (${protocols.join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) throw new Error(`must use ${protocols.join(' or ')}`);
  return raw;
};
const optional = <T>(parse: Parser<T>): Parser<T | null> => (raw) => (raw.trim() === '' ? null : parse(raw));
const oneOf = <T extends string>(...values: T[]): Parser<T> => (raw) => {
  if (!(values as string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
  return raw as T;
};
const text: Parser<string> = (raw) => {
  if (raw.trim() === '') throw new Error('must not be empty');
  return raw;
};
const listenAddress: Parser<string | null> = (raw) => {
  if (raw.trim() === '') return null;
  parseListenAddress(raw);
  return raw.trim();
};
const optionalText: Parser<string | null> = (raw) => (raw.trim() === '' ? null : raw);

export const SETTINGS: { [K in keyof AppConfig]: Setting<K> }[keyof AppConfig][] = [
  { key: 'databaseUrl', env: 'DATABASE_URL', default: 'postgres://factledger_app:factledger_app@127.0.0.1:5432/factledger', parse: url('postgres:', 'postgresql:'), description: 'PostgreSQL connection of the API, worker and CLIs: the application role (factledger_app; the default is the one `npm start` makes on the local server)' },
  { key: 'migrationDatabaseUrl', env: 'MIGRATION_DATABASE_URL', default: '', parse: optional(url('postgres:', 'postgresql:')), description: 'connection of `factledger migrate`: the owner role (factledger_owner); unset: DATABASE_URL' },
  { key: 'sealerDatabaseUrl', env: 'SEALER_DATABASE_URL', default: '', parse: optional(url('postgres:', 'postgresql:')), description: 'the worker\'s sealer connection, the only role that writes the audit tables (factledger_sealer); unset: DATABASE_URL' },
  { key: 'databaseAdminUrl', env: 'DATABASE_ADMIN_URL', default: '', parse: optional(url('postgres:', 'postgresql:')), description: 'an administrator (superuser or CREATEROLE) for `factledger db-init`, which creates the roles; never given to the API or worker' },
  { key: 'databasePoolSize', env: 'DATABASE_POOL_SIZE', default: '10', parse: int(1, 200), description: 'connections per process' },
  { key: 'redisUrl', env: 'REDIS_URL', default: 'redis://127.0.0.1:6379', parse: url('redis:', 'rediss:'), description: 'Redis for the BullMQ queues' },
  { key: 'queuePrefix', env: 'QUEUE_PREFIX', default: 'factledger', parse: text, description: 'BullMQ key prefix, followed by the ledger database\'s identity' },
  { key: 'host', env: 'HOST', default: '0.0.0.0', parse: text, description: 'API listen address' },
  { key: 'port', env: 'PORT', default: '3000', parse: int(0, 65535), description: 'API listen port' },
  { key: 'bodyLimitBytes', env: 'BODY_LIMIT_BYTES', default: String(2 * 1024 * 1024), parse: int(1024, 64 * 1024 * 1024), description: 'largest accepted request body' },
  { key: 'logLevel', env: 'LOG_LEVEL', default: 'log', parse: oneOf('error', 'warn', 'log', 'debug', 'verbose'), description: 'most verbose level logged' },
  { key: 'readWaitTimeoutMs', env: 'READ_WAIT_TIMEOUT_MS', default: '5000', parse: int(0, 60000), description: 'longest a read waits for minPosition' },
  { key: 'estimateCache', env: 'ESTIMATE_CACHE', default: 'on', parse: oneOf('on', 'off'), description: 'answer current estimates from memory, invalidated by the projector\'s notifications' },
  { key: 'estimateCacheMaxEntries', env: 'ESTIMATE_CACHE_MAX_ENTRIES', default: '10000', parse: int(1, 1_000_000), description: 'most estimates the API keeps in memory (least recently used go first)' },
  { key: 'estimateCacheMaxAgeMs', env: 'ESTIMATE_CACHE_MAX_AGE_MS', default: '60000', parse: int(0, 3_600_000), description: 'safety bound on a cached estimate\'s age; 0 caches nothing' },
  { key: 'signingKeyFile', env: 'SIGNING_KEY_FILE', default: '.factledger/signing-key.pem', parse: text, description: 'Ed25519 private key for checkpoints (created on first start)' },
  { key: 'checkpointArchiveDir', env: 'CHECKPOINT_ARCHIVE_DIR', default: '', parse: optionalText, description: 'a directory outside the database (another disk, a mounted object store) where the worker writes every signed checkpoint (and latest.json); restore and the worker\'s start refuse a ledger behind the latest one. Unset: off' },
  { key: 'idempotencyLeaseMs', env: 'IDEMPOTENCY_LEASE_MS', default: '30000', parse: int(1000, 3_600_000), description: 'how long a claimed Idempotency-Key waits for its request; a retry after that takes it over and runs again' },
  { key: 'idempotencyRetentionHours', env: 'IDEMPOTENCY_RETENTION_HOURS', default: String(24 * 7), parse: int(1, 24 * 366), description: 'Idempotency-Keys older than this are forgotten (purged by the API)' },
  { key: 'workerHeartbeatFile', env: 'WORKER_HEARTBEAT_FILE', default: '', parse: optionalText, description: 'the worker touches this file every 10 s while its database answers (a container healthcheck reads its age); unset: off' },
  { key: 'readAccess', env: 'READ_ACCESS', default: 'public', parse: oneOf('public', 'key'), description: 'public: anyone may query and audit (a transparency log); key: reads need a key with reader (queries) or auditor (history, proofs)' },
  { key: 'apiKeyCacheTtlMs', env: 'API_KEY_CACHE_TTL_MS', default: '5000', parse: int(0, 60_000), description: 'how long an API instance trusts its copy of a key: a key revoked elsewhere stops working within this bound' },
  { key: 'rateLimitWindowMs', env: 'RATE_LIMIT_WINDOW_MS', default: '60000', parse: int(1000, 3_600_000), description: 'the window every rate-limit budget counts over (shared by API instances through Redis)' },
  { key: 'rateLimitReads', env: 'RATE_LIMIT_READS', default: '600', parse: int(1, 1_000_000), description: 'reads per window, per key (per client address without one)' },
  { key: 'rateLimitWrites', env: 'RATE_LIMIT_WRITES', default: '120', parse: int(1, 1_000_000), description: 'writes per window, per key' },
  { key: 'rateLimitIngestions', env: 'RATE_LIMIT_INGESTIONS', default: '30', parse: int(1, 1_000_000), description: 'ingestion submissions per window, per key' },
  { key: 'rateLimitTails', env: 'RATE_LIMIT_TAILS', default: '20', parse: int(1, 1_000_000), description: 'live tails and exports opened per window, per key (per client address without one)' },
  { key: 'maxOpenStreamsPerPrincipal', env: 'MAX_OPEN_STREAMS_PER_PRINCIPAL', default: '4', parse: int(1, 1000), description: 'live tails and exports one key (or client address) may hold open at once on one API instance' },
  { key: 'ingestionFailedRetentionHours', env: 'INGESTION_FAILED_RETENTION_HOURS', default: String(24 * 14), parse: int(1, 24 * 366), description: 'failed ingestion jobs are kept this long for inspection and retry' },
  { key: 'ingestionFailedMax', env: 'INGESTION_FAILED_MAX', default: '1000', parse: int(1, 1_000_000), description: 'at most this many failed ingestion jobs are kept (oldest go first)' },
  { key: 'metricsListen', env: 'METRICS_LISTEN', default: '', parse: listenAddress, description: 'host:port of an extra API listener serving GET /metrics WITHOUT authentication, for a private network (e.g. 127.0.0.1:9464); unset: off (the API\'s own /metrics needs an admin key)' },
  { key: 'workerMetricsListen', env: 'WORKER_METRICS_LISTEN', default: '127.0.0.1:9465', parse: listenAddress, description: 'host:port where a worker serves GET /metrics without authentication (give each worker on one host its own port; port 0: any free one); empty: off' },
  { key: 'extractionConfidenceThreshold', env: 'EXTRACTION_CONFIDENCE_THRESHOLD', default: '0.5', parse: fraction, description: 'an article\'s figures with at least this calibrated confidence are reported; the rest are kept as candidates for an editor\'s review' },
  { key: 'extractionTimeoutMs', env: 'EXTRACTION_TIMEOUT_MS', default: '60000', parse: int(1000, 3_600_000), description: 'longest the worker extracts one article (in a worker thread); an article over it fails for good (ingestion.extraction_timeout)' },
  { key: 'extractionMaxHeapMb', env: 'EXTRACTION_MAX_HEAP_MB', default: '256', parse: int(64, 8192), description: 'V8 heap of an extraction thread; an article needing more fails for good (ingestion.extraction_memory)' },
  { key: 'extractionThreads', env: 'EXTRACTION_THREADS', default: '1', parse: int(1, 64), description: 'extraction threads per worker process (jobs run one at a time, so 1 is enough)' },
  { key: 'databaseConnectTimeoutMs', env: 'DATABASE_CONNECT_TIMEOUT_MS', default: '5000', parse: int(100, 600_000), description: 'longest a query waits for a pool connection (a free one, or a new one to connect); past it a request answers 503 database.busy' },
  { key: 'requestStatementTimeoutMs', env: 'REQUEST_STATEMENT_TIMEOUT_MS', default: '15000', parse: int(0, 3_600_000), description: 'statement_timeout of the API\'s connections (requests; an export or tail reads page by page, each page a statement); past it 503 database.timeout. 0: none' },
  { key: 'requestIdleInTransactionTimeoutMs', env: 'REQUEST_IDLE_IN_TRANSACTION_TIMEOUT_MS', default: '15000', parse: int(0, 3_600_000), description: 'idle_in_transaction_session_timeout of the API\'s connections: a transaction left idle this long is ended by the server, so it cannot stall gap-safe readers. 0: none' },
  { key: 'workerStatementTimeoutMs', env: 'WORKER_STATEMENT_TIMEOUT_MS', default: '1800000', parse: int(0, 86_400_000), description: 'statement_timeout of the worker\'s connections (projector batches, rebuilds with their index builds, the sealer, ingestion). 0: none' },
  { key: 'workerIdleInTransactionTimeoutMs', env: 'WORKER_IDLE_IN_TRANSACTION_TIMEOUT_MS', default: '300000', parse: int(0, 86_400_000), description: 'idle_in_transaction_session_timeout of the worker\'s connections. 0: none' },
  { key: 'healthOpenTransactionMaxAgeMs', env: 'HEALTH_OPEN_TRANSACTION_MAX_AGE_MS', default: '60000', parse: int(1000, 86_400_000), description: '/health is degraded while a transaction anywhere in the cluster that holds back the readers\' horizon (xmin) is older than this' },
  { key: 'shutdownTimeoutMs', env: 'SHUTDOWN_TIMEOUT_MS', default: '20000', parse: int(100, 600_000), description: 'on SIGTERM the API drains requests and ends live tails, the worker finishes its batch and job; past this the process exits 1 anyway' },
  { key: 'adminSessionTtlSeconds', env: 'ADMIN_SESSION_TTL_SECONDS', default: '900', parse: int(1, 86_400), description: 'lifetime of a browser session for the operator pages (/admin/login, the queue dashboard), from the login; not renewed by use' },
  { key: 'nodeEnv', env: 'NODE_ENV', default: 'development', parse: oneOf('development', 'production', 'test'), description: 'runtime mode' },
];
