import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTestKey } from '@factledger/platform';
import { seedEvents } from '../libs/audit/application/src/testing/ledger-fixture';
import { runCli } from '../apps/cli/src/program';
import { startApi, type ApiHarness } from './support/api-harness';

/** `factledger export` over HTTP against the real API: the whole log as NDJSON, with progress. */
describe('factledger export', () => {
  let api: ApiHarness;
  let url: string;
  let dir: string;

  const cli = async (token: string, ...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    let progress = '';
    const code = await runCli(['export', '--api', url, ...argv], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      progress: { write: (t: string) => (progress += t), isTTY: false },
      env: { FACTLEDGER_API_KEY: token },
    });
    return { code, stdout, stderr, progress };
  };

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    url = await api.app.getUrl();
    await seedEvents(api.db.db, 30);
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-export-'));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every event of the log to a file, one JSON line each', async () => {
    const file = path.join(dir, 'log.ndjson');
    const { code, stdout, progress } = await cli(api.key.token, '--out', file, '--json');
    expect(code).toBe(0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    const total = await api.eventCount();
    expect(lines).toHaveLength(total);
    expect(JSON.parse(stdout)).toEqual({ events: total, bytes: expect.any(Number), file });
    expect(progress).toContain(`export: ${total}/${total} (100.0%) events`);
  });

  it('streams to stdout without --out, and refuses a key without the auditor or admin role (exit 1)', async () => {
    const { code, stdout } = await cli(api.key.token);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(await api.eventCount());
    const reader = await createTestKey(api.db.db, ['reader']);
    const refused = await cli(reader.token, '--out', path.join(dir, 'no.ndjson'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('403 auth.forbidden');
    expect((await cli(api.key.token, '--json')).code).toBe(2);
  });

  it('projections status: the read models as the API reports them, through the typed client; exit 1 when it cannot be reached', async () => {
    let stdout = '';
    const code = await runCli(['projections', 'status', '--api', url, '--json'], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      progress: { write: () => true, isTTY: false },
      env: { FACTLEDGER_API_KEY: api.key.token },
    });
    expect(code).toBe(0);
    // No projector runs here: the answer is what the API reports, however short.
    expect(JSON.parse(stdout)).toEqual((await api.request('GET', '/v1/projections')).body.data);
    const unreachable = await runCli(['projections', 'status', '--api', 'http://127.0.0.1:59999'], {
      stdout: () => undefined,
      stderr: () => undefined,
      progress: { write: () => true, isTTY: false },
      env: {},
    });
    expect(unreachable).toBe(1);
  });
});
