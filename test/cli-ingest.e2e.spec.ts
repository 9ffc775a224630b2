import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../apps/cli/src/program';
import { ARTICLES } from './ingestion/fixtures/fixture-articles';
import { startIngestionStack, type IngestionStack } from './support/ingestion-stack';

/**
 * `factledger ingest <dir>` against the real API and worker (ingestion
 * harness): files submitted over HTTP with FACTLEDGER_API_KEY, jobs followed
 * to the end through GET /v1/ingestions/{id}.
 */
describe('factledger ingest (real API, worker, Redis and PostgreSQL)', () => {
  let stack: IngestionStack;
  let api: string;
  let dir: string;

  const structured = (title: string, figure: Record<string, unknown>) =>
    JSON.stringify({
      kind: 'structured',
      report: { publisher: 'Example Wire', title, publishedAt: '2024-11-02', language: 'en' },
      figures: [{ validAt: '2024-11-01', ...figure }],
    });
  const fixture = (file: string) => readFileSync(path.join(__dirname, 'ingestion', 'fixtures', file), 'utf8');
  const cli = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    let progress = '';
    const code = await runCli(['ingest', '--api', api, ...argv], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      progress: { write: (t: string) => (progress += t), isTTY: false },
      env: { FACTLEDGER_API_KEY: stack.h.key.token },
    });
    return { code, stdout, stderr, progress };
  };

  beforeAll(async () => {
    stack = await startIngestionStack();
    await stack.h.api.listen(0, '127.0.0.1');
    api = await stack.h.api.getUrl();
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-ingest-'));
    const reports = path.join(dir, 'reports');
    mkdirSync(reports);
    const { morningDispatch: m, kyivWire: k } = ARTICLES;
    writeFileSync(
      path.join(reports, '01-morning.md'),
      `---\noutlet: ${m.publisher}\ntitle: "${m.title}"\npublished: ${m.publishedAt}\n---\n${fixture(m.file)}`,
    );
    writeFileSync(
      path.join(reports, '02-kyiv.txt'),
      `---\npublisher: ${k.publisher}\ntitle: ${k.title}\npublishedAt: ${k.publishedAt}\n---\n${fixture(k.file)}`,
    );
    writeFileSync(
      path.join(reports, '03-desk.json'),
      structured('Desk figures', {
        metricKey: 'north_korean_troops_in_kursk',
        source: 'Dutch intelligence',
        qualifier: 'approximately',
        value: 10000,
        quote: 'about 10,000 in Kursk',
      }),
    );
    writeFileSync(path.join(reports, 'notes.pdf'), 'not ingestible: skipped in a directory');
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests a directory of articles and structured reports, printing each file and a summary', async () => {
    const { code, stdout, progress } = await cli(path.join(dir, 'reports'));
    expect(stdout).toMatch(/^ok {3}.*01-morning\.md: 1 figures reported \(0 updates\), 0 corroborations, 0 revisions, 0 unchanged, 0 rejected$/m);
    expect(stdout).toMatch(/^ok {3}.*02-kyiv\.txt: 1 figures reported/m);
    expect(stdout).toMatch(/^ok {3}.*03-desk\.json: 1 figures reported/m);
    expect(stdout).toContain('3 files: 3 completed, 0 failed, 0 refused, 0 still running (0 ingested before); 3 figures reported');
    expect(code).toBe(0);
    expect(progress).toMatch(/^ingest: 3\/3 \(100\.0%\)/m); // not a terminal: plain lines
    const reports = await stack.h.request('GET', '/v1/metrics/north_korean_troops_in_russia/figures');
    expect(reports.status).toBe(200);
    expect(reports.body.data.map((f: { sourceId: string }) => f.sourceId).sort()).toEqual(['kr-nis', 'ua-hur']);
  });

  it('answers JSON with --json, and the same files again change nothing', async () => {
    const { code, stdout } = await cli(path.join(dir, 'reports'), '--json');
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.summary).toMatchObject({ files: 3, completed: 3, failed: 0, alreadyIngested: 3, figuresReported: 0 });
    expect(body.files.map((f: { alreadySubmitted: boolean }) => f.alreadySubmitted)).toEqual([true, true, true]);
  });

  it('exits 1 when a job fails or a submission is refused, naming the file and the reason', async () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(
      path.join(bad, 'unknown-metric.json'),
      structured('Nobody knows this metric', { metricKey: 'no_such_metric', source: 'UK MoD', qualifier: 'exact', value: 5, quote: 'five' }),
    );
    writeFileSync(
      path.join(bad, 'figures.csv'),
      'metric_key,source,qualifier,value,valid_at,quote\nnorth_korean_troops_in_kursk,UK MoD,exact,11000,2024-11-03,"11,000"\n',
    );
    const { code, stdout } = await cli(bad, '--publisher', 'CSV Desk', '--title', 'Kursk count', '--published-at', '2024-11-03');
    expect(stdout).toMatch(/^ok {3}.*figures\.csv: 1 figures reported/m);
    expect(stdout).toMatch(
      /^FAIL .*unknown-metric\.json: failed \(job structured-[0-9a-f]+\): ingestion\.nothing_ingested: .*; #0 .*no_such_metric/m,
    );
    expect(stdout).toContain('2 files: 1 completed, 1 failed');
    expect(code).toBe(1);
    const refused = await cli(path.join(dir, 'reports', 'notes.pdf'));
    expect(refused.stdout).toMatch(/^FAIL .*notes\.pdf: refused: not an ingestible file/m);
    expect(refused.code).toBe(1);
  });

  it('exits 2 on bad usage: no key, nothing to ingest, an unknown option', async () => {
    const noKey = await runCli(['ingest', '--api', api, dir], { stdout: () => undefined, stderr: () => undefined, env: {} });
    expect(noKey).toBe(2);
    const empty = mkdtempSync(path.join(tmpdir(), 'factledger-empty-'));
    expect((await cli(empty)).code).toBe(2);
    expect((await cli(dir, '--bogus')).code).toBe(2);
    rmSync(empty, { recursive: true });
  });
});
