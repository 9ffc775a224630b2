import { datedIn, figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g193–g200 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment).source;
describe("documents in their issuer's own voice", () => {
  it('an "Official Statistics" release speaks for the body on its letterhead', () => {
    const text =
      'NORTHFIELD WATER BOARD\nOfficial Statistics: Supply Interruptions, October 2026\n\nPublication date: 10 November 2026\n\n' +
      'In October 2026, 4,210 properties lost supply for more than three hours.';
    expect(source(text, '4,210')).toBe('Northfield Water Board');
  });

  it('"TARNWAY AIR - PRESS RELEASE": the name before the marker issues it', () => {
    const text = 'TARNWAY AIR - PRESS RELEASE\n\nFirst issued: 3 December 2026\n\nTarnway carried 912,400 passengers in November.';
    expect(source(text, '912,400')).toMatch(/^Tarnway Air$/i);
  });

  it('"Newsletter of the X | December 2026": the body issues it, and the issue month dates it', () => {
    const text = "THE VALE ANGLER\nNewsletter of the Vale Anglers' Society | December 2026\n\nMembership now stands at 412, the highest yet.";
    expect(source(text, '412')).toBe("Vale Anglers' Society");
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 12, d: 1 });
  });
});

describe('verbs that give or correct a figure', () => {
  const text =
    'Count live, Thursday 5 November 2026\n\nThe returning officer, Ann Price, has given a provisional turnout of 33.9%.\n\n' +
    'Ms Price has updated her figure: turnout was 34.6%.\n\n' +
    'The institute said 41 patients were in hospital. It also corrected the number of patients in hospital to 38.';

  it('"has given a provisional turnout of", "has updated her figure:" credit the giver', () => {
    expect(source(text, '33.9')).toBe('Ann Price');
    expect(source(text, '34.6')).toMatch(/Price$/);
  });

  it('"It also corrected the number of …" credits the corrector', () => {
    expect(source(text, '38')).toBe('institute');
  });

  it('"the company" after a broadband provider named earlier, not the gang named since', () => {
    const t =
      'Tech desk, 24 November 2026\n\nFernhill Broadband said on 10 November that it had been hacked. A gang called RedLedger claimed the attack. ' +
      'On 13 November the company said "around 180,000 customers" may be affected.';
    expect(source(t, '180,000')).toBe('Fernhill Broadband');
  });
});

describe('dates told by a header stamp, a month named before "a year earlier", or a past possessive day', () => {
  it('"Posted 17/11/26": a labelled day-first date with a two-digit year', () => {
    expect(findPublicationDate('Sport\nPosted 17/11/26\n\nThe club sold 4,050 season tickets.')).toEqual({ y: 2026, m: 11, d: 17 });
  });

  it('"in November, compared with 85.2% a year earlier" is November of the year before, at month precision', () => {
    const text = 'Airline news, 3 December 2026\n\nThe airline filled 86.9% of its seats in November, compared with 85.2% a year earlier.';
    expect(datedIn(text, '85.2')).toEqual(['2025-11-01', 'month']);
  });

  it('"Saturday\'s win was watched by 8,109" dates the crowd on that Saturday', () => {
    const text = "Sport, Tuesday 17 November 2026\n\nSaturday's 2-1 win over Hexley was watched by 8,109 people, the club said.";
    expect(datedIn(text, '8,109')).toEqual(['2026-11-14', 'day']);
  });

  it('"2.5 percentage points lower than in September": the base month does not date the change', () => {
    const text =
      'Health board release, 10 November 2026\n\nIn October 2026, 61.4% of patients were seen within four hours. ' +
      'This is 2.5 percentage points lower than in September.';
    expect(figureIn(text, '2.5').as_of).not.toBe('2026-09-01');
  });
});
