import { ConfigError, loadConfig } from './load-config';
import { SETTINGS } from './config.schema';
import { scopedConfig } from '../nest/platform.module';

describe('loadConfig', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://factledger_app:factledger_app@127.0.0.1:5432/factledger');
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it("reads the extraction confidence threshold as a decimal from 0 to 1 (default 0.5, the extractor's cut-off)", () => {
    expect(loadConfig({}).extractionConfidenceThreshold).toBe(0.5);
    expect(loadConfig({ EXTRACTION_CONFIDENCE_THRESHOLD: '0.8' }).extractionConfidenceThreshold).toBe(0.8);
    expect(loadConfig({ EXTRACTION_CONFIDENCE_THRESHOLD: '1' }).extractionConfidenceThreshold).toBe(1);
    for (const bad of ['1.5', '-0.1', 'high', '0.5x']) {
      expect(() => loadConfig({ EXTRACTION_CONFIDENCE_THRESHOLD: bad })).toThrow(/EXTRACTION_CONFIDENCE_THRESHOLD/);
    }
  });

  it('reads every variable from the environment', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u@db:5432/x', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgresql://u@db:5432/x', logLevel: 'debug' });
  });

  it("reads one connection per database role; unset, the migration and sealer connections are DATABASE_URL's", () => {
    expect(loadConfig({})).toMatchObject({ migrationDatabaseUrl: null, sealerDatabaseUrl: null, databaseAdminUrl: null });
    const config = loadConfig({
      DATABASE_URL: 'postgres://factledger_app:a@db/ledger',
      MIGRATION_DATABASE_URL: 'postgres://factledger_owner:o@db/ledger',
      SEALER_DATABASE_URL: 'postgres://factledger_sealer:s@db/ledger',
      DATABASE_ADMIN_URL: 'postgres://postgres:p@db/postgres',
    });
    expect(config).toMatchObject({
      migrationDatabaseUrl: 'postgres://factledger_owner:o@db/ledger',
      sealerDatabaseUrl: 'postgres://factledger_sealer:s@db/ledger',
      databaseAdminUrl: 'postgres://postgres:p@db/postgres',
    });
    expect(() => loadConfig({ SEALER_DATABASE_URL: 'mysql://factledger_sealer:s3cret@db/x', MIGRATION_DATABASE_URL: 'owner' })).toThrow(
      /MIGRATION_DATABASE_URL="owner" must be a URL[\s\S]*SEALER_DATABASE_URL="mysql:\/\/factledger_sealer:\*\*\*@db\/x" must use postgres: or postgresql:/,
    );
  });

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' });
      fail('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as ConfigError).message;
      expect(message).toContain('PORT="eighty" must be a whole number');
      expect(message).toContain('REDIS_URL="http://x" must use redis: or rediss:');
      expect(message).toContain('LOG_LEVEL="loud" must be one of');
      expect((e as ConfigError).problems).toHaveLength(3);
    }
  });

  it("never prints a connection string's password", () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:s3cret@db/x' })).toThrow('DATABASE_URL="mysql://app:***@db/x" must use postgres:');
    expect(() => loadConfig({ REDIS_URL: 'http://:hunter2@cache:6379' })).not.toThrow(/hunter2/);
  });

  it('has one unique environment variable per setting', () => {
    const envs = SETTINGS.map((s) => s.env);
    expect(new Set(envs).size).toBe(envs.length);
  });

  it('bounds extraction and database waits by default, and refuses limits out of range', () => {
    expect(loadConfig({})).toMatchObject({
      extractionTimeoutMs: 60_000,
      extractionMaxHeapMb: 256,
      extractionThreads: 1,
      databaseConnectTimeoutMs: 5000,
      requestStatementTimeoutMs: 15_000,
      requestIdleInTransactionTimeoutMs: 15_000,
      workerStatementTimeoutMs: 1_800_000,
      workerIdleInTransactionTimeoutMs: 300_000,
      healthOpenTransactionMaxAgeMs: 60_000,
      shutdownTimeoutMs: 20_000,
    });
    expect(() => loadConfig({ EXTRACTION_MAX_HEAP_MB: '16' })).toThrow(/EXTRACTION_MAX_HEAP_MB/);
    expect(() => loadConfig({ EXTRACTION_TIMEOUT_MS: '0' })).toThrow(/EXTRACTION_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '-1' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(loadConfig({ REQUEST_STATEMENT_TIMEOUT_MS: '0' }).requestStatementTimeoutMs).toBe(0);
  });

  it("gives a worker's connection strings the worker's limits, so the projectors' and sealer's own sessions carry them; the API's stay as set", () => {
    const config = loadConfig({
      SEALER_DATABASE_URL: 'postgres://factledger_sealer:s@db:5432/factledger',
      WORKER_STATEMENT_TIMEOUT_MS: '120000',
      WORKER_IDLE_IN_TRANSACTION_TIMEOUT_MS: '9000',
    });
    const worker = scopedConfig(config, 'worker');
    for (const url of [worker.databaseUrl, worker.sealerDatabaseUrl!]) {
      expect(new URL(url).searchParams.get('options')).toBe('-c statement_timeout=120000 -c idle_in_transaction_session_timeout=9000');
    }
    expect(scopedConfig(config, 'request')).toBe(config);
  });
});
