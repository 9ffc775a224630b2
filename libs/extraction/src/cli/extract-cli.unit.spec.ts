import { join } from 'node:path';
import { runExtract, type ExtractCliOptions } from './extract-cli';

const ARTICLE = [
  'Date: 28/10/2024',
  '',
  "Seoul's spy agency said about 3,000 North Korean troops are training in Russia.",
  'Thousands more could follow, and recruits get Rbs3mn ($31,000) each.',
].join('\n');

const run = async (options: Partial<ExtractCliOptions> & { file: string }, files: Record<string, string> = { 'article.txt': ARTICLE }) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExtract(
    { all: false, ...options },
    {
      readFile: async (path) => {
        const text = files[path];
        if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return text;
      },
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      today: () => '2026-12-03',
    },
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
};

describe('extract CLI', () => {
  it('prints the firm figures as a JSON array and exits 0', async () => {
    const { code, stdout, stderr } = await run({ file: 'article.txt' });
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
    const figures = JSON.parse((await run({ file: 'article.txt', all: true })).stdout) as { numberText: string }[];
    expect(figures.map((f) => f.numberText)).toEqual(['about 3,000', 'Thousands', 'Rbs3mn', '$31,000']);
  });

  it('--published overrides the header date', async () => {
    const [first] = JSON.parse((await run({ file: 'article.txt', publishedAt: '2024-11-01' })).stdout) as { as_of: string }[];
    expect(first?.as_of).toBe('2024-11-01');
  });

  it.each(['28/10/2024', '2024-02-30', ''])('exits 2 on a publication date that is not a day: %j', async (publishedAt) => {
    const { code, stdout, stderr } = await run({ file: 'article.txt', publishedAt });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`--published needs a date as YYYY-MM-DD, got ${JSON.stringify(publishedAt)}`);
  });

  it('exits 1 with a clear message when the file cannot be read', async () => {
    const { code, stdout, stderr } = await run({ file: 'missing.txt' });
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^cannot read missing\.txt: ENOENT/);
  });

  it('reads real files by default', async () => {
    const out: string[] = [];
    const code = await runExtract(
      { file: join(__dirname, '../__fixtures__/wire-report.txt'), publishedAt: '2024-10-30', all: false },
      {
        stdout: (t) => void out.push(t),
      },
    );
    expect(code).toBe(0);
    expect((JSON.parse(out.join('')) as unknown[]).length).toBeGreaterThan(5);
  });

  it("places a yearless wire dateline no later than today's date", async () => {
    const files = { 'wire.txt': 'SEOUL, Nov. 20 (Yonhap) -- The JCS said Wednesday that North Korea sent 3,000 more troops to Russia.' };
    const figures = JSON.parse((await run({ file: 'wire.txt' }, files)).stdout);
    expect(figures.map((f: { as_of: string }) => f.as_of)).toEqual(['2024-11-20']);
  });
});
