import type { AppConfig } from '@factledger/platform';
import { articleSubmission, structuredSubmission } from './ingest/ingest-files';
import { progressBar } from './progress';
import { runCli } from './program';

const noDatabase = (() => {
  throw new Error('no database should be needed');
}) as () => AppConfig;

const run = async (...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    progress: { write: () => true, isTTY: false },
    config: noDatabase,
    env: {},
  });
  return { code, stdout, stderr };
};

describe('factledger command line (commander)', () => {
  it('lists every command with --help (exit 0), and each command has its own help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const name of [
      'db-init',
      'migrate',
      'signing-key',
      'backup',
      'restore',
      'seed',
      'rebuild',
      'extract',
      'keys',
      'verify',
      'projections',
      'export',
      'ingest',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(help.stdout).toContain('exit status: 0 ok, 1 failure');
    const verify = await run('verify', '--help');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('--spot-checks <n>');
    expect(verify.stdout).toContain('FACTLEDGER_API_KEY');
    const rotate = await run('signing-key', 'rotate', '--help');
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toContain('--compromised <reason>');
  });

  it.each([
    [[], ''],
    [['bogus'], "unknown command 'bogus'"],
    [['verify', '--bogus'], "unknown option '--bogus'"],
    [['verify', '--spot-checks', 'many'], 'needs a whole number from 0 to 100000'],
    [['verify', '--api', 'ftp://example.org'], 'needs an http(s) URL'],
    [['verify', '--scratch-db', 'postgres://x/y'], '--scratch-db only applies with --replay'],
    [['rebuild'], 'name a read model or give --all'],
    [['rebuild', 'figures', '--all'], 'not both'],
    [['rebuild', 'nope'], 'unknown read model: nope'],
    [['rebuild', '--all', '--batch-size', '0'], 'needs a whole number from 1 to 100000'],
    [['extract'], "missing required argument 'file'"],
    [['extract', 'a.txt', '--published', '28/10/2024'], '--published needs a date as YYYY-MM-DD'],
    [['keys', 'create', '--name', 'x'], "required option '--roles <roles>' not specified"],
    [['seed', '--timeout', 'soon'], 'needs a whole number'],
    [['ingest'], "missing required argument 'paths'"],
  ])('exits 2 on bad usage %j, before any database or network', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('extract prints JSON and exits 1 when the file cannot be read', async () => {
    expect(await run('extract', '/nonexistent/article.txt')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot read /nonexistent/article.txt'),
    });
  });
});

describe('progress', () => {
  it('draws a cli-progress bar on a terminal', () => {
    const out = { text: '', isTTY: true, write: (t: string) => ((out.text += t), true) };
    const bar = progressBar('figures v2', out);
    bar.update(500, 1000, 'events');
    bar.update(1000, 1000, 'switched');
    bar.stop();
    expect(out.text).toMatch(/figures v2 \[[█░]+\] 100% 1000\/1000 switched/);
  });

  it('writes plain lines elsewhere: the first, then at most one per interval, and the last', () => {
    const out = { text: '', isTTY: false, write: (t: string) => ((out.text += t), true) };
    const bar = progressBar('ingest', out, { plainEveryMs: 60_000 });
    bar.update(1, 400, 'a.md');
    bar.update(2, 400, 'b.md'); // within the interval: not printed
    bar.update(399, 400, 'y.md');
    bar.stop(); // the last state is printed once
    bar.update(400, 400, 'z.md'); // done: printed at once
    bar.stop();
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'ingest: 1/400 (0.3%) a.md',
      'ingest: 399/400 (99.8%) y.md',
      'ingest: 400/400 (100.0%) z.md',
    ]);
  });
});

describe('ingest files', () => {
  const flags = { language: 'en', publisher: 'Flag Desk' };

  it("reads an article's YAML front matter (outlet, title, published), which wins over the flags", () => {
    const body = JSON.parse(
      articleSubmission('a.md', '---\noutlet: Kyiv Wire\ntitle: "Troops: heading to the front"\npublished: 2024-10-28\n---\nThe text.\n', flags).body,
    );
    expect(body).toEqual({
      kind: 'article',
      report: { publisher: 'Kyiv Wire', title: 'Troops: heading to the front', publishedAt: '2024-10-28', language: 'en' },
      text: 'The text.',
    });
  });

  it('takes the flags and the first line as title without front matter, and refuses unknown keys', () => {
    expect(JSON.parse(articleSubmission('a.txt', '# Seoul raises its count\n\nBody.', flags).body).report).toEqual({
      publisher: 'Flag Desk',
      title: 'Seoul raises its count',
      language: 'en',
    });
    expect(() => articleSubmission('a.md', '---\ncolour: red\n---\ntext', flags)).toThrow('front matter: unknown key "colour"');
  });

  it('sends CSV with its report metadata as query parameters, JSON as it is', () => {
    expect(structuredSubmission('f.csv', 'metric_key\n', { ...flags, title: 'T', publishedAt: '2024-11-03' })).toMatchObject({
      contentType: 'text/csv',
      query: '?publisher=Flag+Desk&title=T&publishedAt=2024-11-03&language=en',
    });
    expect(structuredSubmission('f.json', '{"kind":"structured"}', flags)).toMatchObject({
      contentType: 'application/json',
      body: '{"kind":"structured"}',
      query: '',
    });
  });
});
