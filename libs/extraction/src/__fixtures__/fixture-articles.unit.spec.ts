import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFigures } from '../lib/extract-figures';
import { isFirmFigure } from '../lib/figures/firm-figures';
import type { ExtractedFigure } from '../lib/types';
import { FIXTURE_ARTICLES, type ExpectedFigure } from './fixture-articles';

const read = (file: string): string => readFileSync(join(__dirname, file), 'utf8');

const comparable = (f: ExtractedFigure, like: ExpectedFigure): Partial<ExtractedFigure> =>
  Object.fromEntries(Object.keys(like).map((k) => [k, f[k as keyof ExtractedFigure]]));

describe.each(FIXTURE_ARTICLES)('fixture article $file', ({ file, publishedAt, expected }) => {
  const text = read(file);
  // The expected lists hold the counts; the percentages these articles state are checked below.
  const figures = extractFigures(text, { ...(publishedAt ? { publishedAt } : {}), includePercentages: false });
  const firm = figures.filter((f) => isFirmFigure(f));

  it('yields exactly the expected firm figures, in order', () => {
    expect(firm.map((f) => f.numberText)).toEqual(expected.map((e) => e.numberText));
  });

  it.each(expected.map((e, i) => [e.numberText, i] as const))('reads %s right', (_label, i) => {
    const want = expected[i] as ExpectedFigure;
    const got = firm[i];
    expect(got && comparable(got, want)).toEqual(want);
  });

  it('quotes verbatim', () => {
    for (const f of figures) expect(text.slice(f.quoteOffset, f.quoteOffset + f.quote.length)).toBe(f.quote);
  });
});

describe('what fixture articles hold beyond the firm figures', () => {
  const all = (file: string): ExtractedFigure[] => extractFigures(read(file));

  it('keeps vague quantities and conversions as candidates', () => {
    const kursk = all('kursk-briefing.txt');
    expect(kursk.filter((f) => f.vague).map((f) => f.numberText)).toEqual(['dozens']);
    expect(kursk.filter((f) => f.unit === 'percent').map((f) => f.numberText)).toEqual(['roughly 40']);
    expect(all('casualty-monitor.txt').filter((f) => f.conversion).map((f) => f.numberText)).toEqual(['$31,000']);
    expect(all('frontline-analysis.txt').filter((f) => f.vague).map((f) => [f.numberText, f.unit])).toEqual([
      ['tens of thousands', 'per_month'],
      ['hundreds of millions', 'usd'],
    ]);
  });

  it('never takes page furniture, calibres, model names or years for figures', () => {
    const numbers = ['kursk-briefing.txt', 'casualty-monitor.txt', 'wire-report.txt', 'frontline-analysis.txt'].flatMap((file) =>
      all(file).map((f) => f.numberText),
    );
    for (const noise of ['2023', '2024', '2025', '10:32', '16:45', '170', '240', '155', '152', '122', '34', '12', '11th', '40,', '1950', '53', '0958']) {
      expect(numbers).not.toContain(noise);
    }
  });
});
