import { addDays, fromDayNumber, inferYear, monthNumber, parseIso, toDayNumber, toIso, weekdayOf } from './calendar';

describe('calendar arithmetic', () => {
  it('round-trips day numbers across leap years and eras', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2024-02-29', '2024-12-31', '1899-03-01']) {
      const date = parseIso(iso);
      expect(date && toIso(fromDayNumber(toDayNumber(date)))).toBe(iso);
    }
  });

  it('knows weekdays (0 = Monday)', () => {
    expect(weekdayOf({ y: 2024, m: 10, d: 28 })).toBe(0);
    expect(weekdayOf({ y: 2024, m: 10, d: 31 })).toBe(3);
  });

  it('adds days across month and year ends', () => {
    expect(toIso(addDays({ y: 2024, m: 12, d: 30 }, 3))).toBe('2025-01-02');
    expect(toIso(addDays({ y: 2024, m: 3, d: 1 }, -1))).toBe('2024-02-29');
  });

  it('rejects malformed or impossible ISO dates', () => {
    expect(parseIso('2024-02-30')).toBeUndefined();
    expect(parseIso('28/10/2024')).toBeUndefined();
    expect(parseIso(undefined)).toBeUndefined();
  });

  it('reads month names and abbreviations', () => {
    expect([monthNumber('October'), monthNumber('Oct.'), monthNumber('Sept'), monthNumber('May'), monthNumber('xyz')]).toEqual([10, 10, 9, 5, 0]);
  });

  it('puts a month without a year in the publication year unless it is still ahead', () => {
    expect(inferYear(10, { y: 2024, m: 11, d: 1 })).toBe(2024);
    expect(inferYear(12, { y: 2024, m: 11, d: 1 })).toBe(2023);
  });
});
