import { join } from 'node:path';
import { runExtractCli, USAGE } from './extract-cli';

const ARTICLE = [
  'Date: 28/10/2024',
  '',
  "Seoul's spy agency said about 3,000 North Korean troops are training in Russia.",
  'Thousands more could follow, and recruits get Rbs3mn ($31,000) each.',
].join('\n');

const run = async (argv: string[], files: Record<string, string> = { 'article.txt': ARTICLE }) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExtractCli(argv, {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    today: () => '2026-12-03',
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
};

describe('extract CLI', () => {
  it('prints the firm figures as a JSON array and exits 0', async () => {
    const { code, stdout, stderr } = await run(['extract', 'article.txt']);
    expect([code, stderr]).toEqual([0, '']);
    const figures = JSON.parse(stdout);
    expect(figures).toEqual([
      expect.objectContaining({
        value: 3000,
        qualifier: 'approximately',
        unit: 'troops',
        source: "Seoul's spy agency",
        metric: 'north_korean_troops_in_russia',
        quote: "Seoul's spy agency said about 3,000 North Korean troops are training in Russia",
        as_of: '2024-10-28',
      }),
      expect.objectContaining({ value: 3000000, unit: 'rub' }),
    ]);
  });

  it('--all adds vague quantities and conversions', async () => {
    const figures = JSON.parse((await run(['extract', 'article.txt', '--all'])).stdout) as { numberText: string }[];
    expect(figures.map((f) => f.numberText)).toEqual(['about 3,000', 'Thousands', 'Rbs3mn', '$31,000']);
  });

  it('--published overrides the header date (both spellings)', async () => {
    for (const argv of [['extract', 'article.txt', '--published', '2024-11-01'], ['extract', '--published=2024-11-01', 'article.txt']]) {
      const [first] = JSON.parse((await run(argv)).stdout) as { as_of: string }[];
      expect(first?.as_of).toBe('2024-11-01');
    }
  });

  it.each([
    [[], 'missing command'],
    [['summarise', 'article.txt'], 'unknown command: summarise'],
    [['extract'], 'missing <file>'],
    [['extract', 'a.txt', 'b.txt'], 'unexpected argument: b.txt'],
    [['extract', 'article.txt', '--published'], '--published needs a date as YYYY-MM-DD, got nothing'],
    [['extract', 'article.txt', '--published', '28/10/2024'], '--published needs a date as YYYY-MM-DD, got "28/10/2024"'],
    [['extract', 'article.txt', '--published', '2024-02-30'], '--published needs a date'],
    [['extract', 'article.txt', '--verbose'], 'unknown option: --verbose'],
  ])('exits 2 with usage on bad arguments %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain(USAGE);
  });

  it('exits 1 with a clear message when the file cannot be read', async () => {
    const { code, stdout, stderr } = await run(['extract', 'missing.txt']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^cannot read missing\.txt: ENOENT/);
  });

  it('reads real files by default', async () => {
    const out: string[] = [];
    const code = await runExtractCli(['extract', join(__dirname, '../__fixtures__/wire-report.txt'), '--published', '2024-10-30'], {
      stdout: (t) => void out.push(t),
    });
    expect(code).toBe(0);
    expect((JSON.parse(out.join('')) as unknown[]).length).toBeGreaterThan(5);
  });

  it("places a yearless wire dateline no later than today's date", async () => {
    const files = { 'wire.txt': 'SEOUL, Nov. 20 (Yonhap) -- The JCS said Wednesday that North Korea sent 3,000 more troops to Russia.' };
    const figures = JSON.parse((await run(['extract', 'wire.txt'], files)).stdout);
    expect(figures.map((f: { as_of: string }) => f.as_of)).toEqual(['2024-11-20']);
  });
});
