import pg from 'pg';
import { parseTimestamptz } from './timestamptz-text';

const pgParse = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;
/** Same instant, or both the same non-date (pg gives Infinity for infinity, null for what it cannot read). */
const same = (text: string) => {
  const ours = parseTimestamptz(text) as unknown;
  const theirs = pgParse(text) as unknown;
  return ours instanceof Date && theirs instanceof Date ? Object.is(ours.getTime(), theirs.getTime()) : Object.is(ours, theirs);
};

describe('parseTimestamptz reads timestamptz text as pg does', () => {
  it('for a UTC session: every fraction of 0–3 digits, across days, months, leap years and centuries', () => {
    const fractions = ['', ...Array.from({ length: 1110 }, (_, i) => `.${String(i).padStart(i < 10 ? 1 : i < 110 ? 2 : 3, '0')}`)];
    for (const fraction of fractions) expect(same(`2024-02-29 23:59:59${fraction}+00`)).toBe(true);
    for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2101, 0, 1); t += 86_400_000 * 7 + 3_723_456) {
      const text = new Date(t).toISOString().replace('T', ' ').replace('Z', '+00');
      expect(same(text)).toBe(true);
      expect(parseTimestamptz(text).getTime()).toBe(t);
    }
  });

  it('hands every other form to pg: other zones, microseconds, BC, years before 100 and after 9999, infinity, junk', () => {
    for (const text of [
      '2024-03-05 12:34:56.789+02',
      '2024-03-05 12:34:56-05:30',
      '2024-03-05 12:34:56+05:45:30',
      '2024-03-05 12:34:56.123456+00',
      '2024-03-05 12:34:56.+00',
      '0044-03-15 12:00:00+00 BC',
      '0099-12-31 23:59:59+00',
      '12024-03-05 12:34:56+00',
      'infinity',
      '-infinity',
      '2024-03-05',
      '2024-3-05 12:34:56+00',
      '2024-03-05 12:34:5x+00',
      '2024-03-05T12:34:56+00',
    ])
      expect(same(text)).toBe(true);
  });
});
