import { figureIn } from '../../__fixtures__/find-figure';

// Found by the held-out batch g129–g136 (scored before it was written). Texts invented.
const at = (text: string, fragment: string): [string | null, string | null] => {
  const f = figureIn(text, fragment, { publishedAt: '2026-02-10' });
  return [f.as_of, f.datePrecision];
};

describe('a year told with its noun', () => {
  it('"in year 2025" and "in the year 2024" date their figures at year precision', () => {
    expect(at('In year 2025 the ferries carried 910,000 passengers.', '910,000')).toEqual(['2025-01-01', 'year']);
    expect(at('The library lent 48,000 books in the year 2024.', '48,000')).toEqual(['2024-01-01', 'year']);
  });

  it('"year 2025" with no preposition before it is a name, not a period', () => {
    expect(at('The Year 2025 Fund gave out 300 grants.', '300')).toEqual(['2026-02-10', 'day']);
  });
});
