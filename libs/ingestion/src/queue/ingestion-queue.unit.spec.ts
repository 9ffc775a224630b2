import { loadConfig } from '@factledger/platform';
import { DEFAULT_INGESTION_JOB_OPTIONS, ingestionJobOptions } from './ingestion-queue';

describe('ingestion job options', () => {
  it('keep failed jobs for INGESTION_FAILED_RETENTION_HOURS and at most INGESTION_FAILED_MAX of them', () => {
    const config = loadConfig({ INGESTION_FAILED_RETENTION_HOURS: '48', INGESTION_FAILED_MAX: '250' });
    expect(ingestionJobOptions(config)).toEqual({ ...DEFAULT_INGESTION_JOB_OPTIONS, removeOnFail: { age: 48 * 3600, count: 250 } });
    expect(ingestionJobOptions(loadConfig({})).removeOnFail).toEqual({ age: 14 * 24 * 3600, count: 1000 });
  });
});
