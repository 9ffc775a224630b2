import { figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g177–g184 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe('publication dates from a filing stamp or an issue line', () => {
  it('a yearless dateline takes the year of the "Filed" stamp under the story', () => {
    // 4 March 2025 was a Tuesday: the lead's "said on Wednesday" alone would place the story in another year.
    const text =
      'LEEDS, England, Mar 4 (Farmwire) - Dairy farmers said on Wednesday that 812 herds had left the trade last year.\n\n' +
      'The union said feed costs had doubled.\n\nFiled 04/03/2025 09:12 GMT';
    expect(findPublicationDate(text)).toEqual({ y: 2025, m: 3, d: 4 });
  });

  it('"Issue 88 · Tuesday 03/03/26": a weekday before a day-first date with a two-digit year', () => {
    const text =
      'THE CUTTING ROOM\nA weekly letter on film\nIssue 88 · Tuesday 03/03/26\n\nCinemas sold 2.1 million tickets in February, the trade body said.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 3, d: 3 });
    expect(figureIn(text, '2.1 million').as_of).toBe('2026-02-01');
  });

  it('a fraction such as 3/12/26 without a weekday stays no date', () => {
    expect(findPublicationDate('Scores\n\nThe ratio was 3/12/26 in the survey.')).toBeUndefined();
  });
});

describe('a quarter of a year counted from publication', () => {
  it('"the third quarter of this year" is its last month; "the fourth quarter of last year" the year before', () => {
    const text =
      'Heat Desk, 1 December 2026\n\nIn the third quarter of this year the scheme recorded 29,850 installations, it said. ' +
      'Sales in the fourth quarter of last year were 24,100, the trade body said.';
    expect([figureIn(text, '29,850').as_of, figureIn(text, '29,850').datePrecision]).toEqual(['2026-09-01', 'month']);
    expect(figureIn(text, '24,100').as_of).toBe('2025-12-01');
  });
});
