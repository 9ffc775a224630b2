import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { goldenQueries, writeGoldenLedger, type GoldenLedger } from './support/estimate-golden-ledger';

const GOLDEN = join(__dirname, 'fixtures', 'estimate-v1-golden.json');

/**
 * Estimate algorithm version 1 answers every basis byte for byte as it did
 * before version 2 existed. test/fixtures/estimate-v1-golden.json was
 * recorded by the version-1-only server (commit f42cc67, "estimate: golden v1
 * answers") on a ledger with unverified sources, verification and party flag
 * changes (support/estimate-golden-ledger.ts), with positions and recorded
 * times named by the write that made them. RECORD_ESTIMATE_GOLDEN=1 records
 * it again — only ever from that commit.
 */
describe('estimate algorithm version 1: golden answers (HTTP, real PostgreSQL)', () => {
  let api: ReadApiHarness;
  let ledger: GoldenLedger;

  beforeAll(async () => {
    api = await startReadApi({ readWaitTimeoutMs: 3000 });
    ledger = await writeGoldenLedger(api);
  }, 60_000);
  afterAll(() => api.close());

  it('answers every basis, filter and date exactly as recorded', async () => {
    const recording = process.env.RECORD_ESTIMATE_GOLDEN === '1';
    const golden: Record<string, string> = recording ? {} : JSON.parse(readFileSync(GOLDEN, 'utf8'));
    const keys: string[] = [];
    for (const { key, url } of goldenQueries(ledger, '&algorithmVersion=1')) {
      const response = await api.app.inject({ method: 'GET', url: url(ledger) });
      keys.push(key);
      if (recording) {
        expect(response.statusCode).toBe(200);
        golden[key] = ledger.normalise(response.body);
        continue;
      }
      expect({ key, status: response.statusCode, body: response.body }).toEqual({ key, status: 200, body: ledger.render(golden[key]!) });
    }
    if (recording) writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 1)}\n`);
    expect(keys.sort()).toEqual(Object.keys(golden).sort());
    // The golden ledger's answers differ by basis: an unnamed position or time would show as a digit string.
    expect(Object.values(golden).some((body) => /"(position|recordedPosition)":"\d/.test(body))).toBe(false);
  }, 120_000);
});
