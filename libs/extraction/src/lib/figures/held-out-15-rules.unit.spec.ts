import { datedIn, figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g185–g192 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe('a publication date stated only under the story', () => {
  it('"This article appeared in the print edition of Sunday 29 November 2026" dates a column with no header date', () => {
    const text =
      'COMMENT\n\nWhy the count keeps moving\n\nOn Thursday the statistics office put the backlog at 12,400 cases.\n\n' +
      'Ana Duarte writes on courts. This article appeared in the print edition of Sunday 29 November 2026.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 11, d: 29 });
    expect(figureIn(text, '12,400').as_of).toBe('2026-11-26');
  });

  it('a date in the last lines that says nothing of publishing is no publication date', () => {
    expect(findPublicationDate('Notes\n\nThe hall seats 900.\n\nThe next meeting is on 3 March 2027.')).toBeUndefined();
  });
});

describe('a year that runs across two calendar years', () => {
  it('a financial year holds as of March of its second year; bare, a story with no season counts one', () => {
    const text =
      'Water news, 1 December 2026\n\nThe single-year leakage figure for the 2025-26 financial year was 281 megalitres a day, ' +
      'the company said. In 2024-25 it spent £90 million on mains.';
    expect(datedIn(text, '281')).toEqual(['2026-03-01', 'month']);
    expect(datedIn(text, '£90 million')).toEqual(['2025-03-01', 'month']);
  });

  it('a school year holds as of July; a season in the year it ends', () => {
    const school = 'Schools desk, 3 December 2026\n\nPupils missed 4.1% of sessions in the 2025-26 school year, the department said.';
    expect(datedIn(school, '4.1')).toEqual(['2026-07-01', 'month']);
    const season = 'Sport, 3 December 2026\n\nThe league sold 1.2 million tickets in 2025-26, its best season, the league said.';
    expect(datedIn(season, '1.2 million')).toEqual(['2026-01-01', 'year']);
  });
});

describe('sources named by a headline, an apposition, a document or a description', () => {
  const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment).source;

  it('a capitals kicker on a headline below the masthead is no transcript speaker', () => {
    const text =
      'RAIL WEEKLY\nIssue 90 | Friday 4 December 2026\n\nFARES WATCH: Northline restates its November count\n\n' +
      'Passenger numbers rose to 2.4 million in November, the operator Northline said.\n\nRival Eastway carried 1.9 million, according to its owner, Castell Group.';
    expect(source(text, '2.4 million')).toMatch(/Northline$/);
    expect(source(text, '1.9 million')).toBe('Castell Group');
  });

  it('"Harwell\'s own market analysis puts": "own" marks a body\'s document, where a lone place\'s figures would not', () => {
    const text = "Ports, 4 December 2026\n\nHarwell's own market analysis puts its rival's share nearer 37% for the year.";
    expect(source(text, '37')).toBe('Harwell');
  });

  it('"argues" credits its subject', () => {
    const text = 'Courts, 4 December 2026\n\nThe Law Society argues at least 130,000 sitting days are needed.';
    expect(source(text, '130,000')).toBe('Law Society');
  });

  it('"the watchdog … the 1.3% it forecast" resolves to the body, not to a minister named by surname nearer by', () => {
    const text =
      'Budget live, Wednesday 25 November 2026. Latest first.\n\n15:05\nThe Office for Budget Responsibility has reissued a table.\n\n' +
      '13:52\nMowbray confirms the package will raise £18.4bn.\n\n' +
      '12:58\nThe watchdog has cut growth for this year to 0.9%, from the 1.3% it forecast in March.\n\n' +
      '09:15\nThe Chancellor, Helen Mowbray, stands up at 12:30.';
    expect(source(text, '0.9')).toBe('Office for Budget Responsibility');
  });
});
