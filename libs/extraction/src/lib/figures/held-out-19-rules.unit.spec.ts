import { datedIn, figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g217–g224 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment).source;
describe('publication and period dates', () => {
  it('a yearless wire dateline takes the year of the "Last updated" stamp it agrees with', () => {
    const text =
      'WIRE SERVICE\nLast updated: 9 January 2027, 18:35 GMT\n\nQuake toll rises\n\n' +
      'KARSH, Karvania, Jan 9 (MNA) - The number of people killed rose to 214, the directorate said. The 1998 quake killed 3,000.';
    expect(findPublicationDate(text)).toEqual({ y: 2027, m: 1, d: 9 });
  });

  it('"SATURDAY, 6. FEBRUARY 2027": a day with an ordinal dot heads a live page\'s entries', () => {
    const text =
      'Flood live\n\nSATURDAY, 6. FEBRUARY 2027\n\n11:30 - The fire brigade says 63 people are rescued.\n\n' +
      'SUNDAY, 7. FEBRUARY 2027\n\n12:15 - The fire brigade says 146 people are rescued.';
    expect(figureIn(text, '63').as_of).toBe('2027-02-06');
    expect(figureIn(text, '146').as_of).toBe('2027-02-07');
  });

  it("a statistical bulletin's title period dates its undated findings", () => {
    const text =
      'Department for Roads\nStatistical bulletin: Reported road casualties, annual report 2025\n\nRelease date: 24 September 2026\n\n' +
      'Key findings\n\n- Pedestrian deaths rose by 6% to 412, the department said.';
    expect(datedIn(text, '412')).toEqual(['2025-01-01', 'year']);
    const monthly =
      'NORTH WATER BOARD\nOfficial Statistics: Supply Interruptions, October 2026\n\nPublication date: 10 November 2026\n\n' +
      'The median interruption lasted 232 minutes.';
    expect(datedIn(monthly, '232')).toEqual(['2026-10-01', 'month']);
  });
});

describe("sources named by an institution's common noun or a regulatory announcement", () => {
  it('"The zoo says", "the fire brigade says" credit the body; "the museum" resolves to the museum named before', () => {
    const text =
      'News, Sunday 7 February 2027\n\nThe zoo says 112 animals were born there in 2026. 12:15 - The fire brigade says 146 people are rescued. ' +
      'Harlow Museum of Steam reopened in May. A guide said the halls were busy. The museum said it had 84,000 visitors.';
    expect(source(text, '112')).toBe('zoo');
    expect(source(text, '146')).toBe('fire brigade');
    expect(source(text, '84,000')).toBe('Harlow Museum of Steam');
  });

  it('"RNS Number : 3047P" over "Marlow & Finch PLC": the company issues the announcement', () => {
    const text =
      'RNS Number : 3047P\nMarlow & Finch PLC\nReleased 07:00:04 12 January 2027\n\nCHRISTMAS TRADING UPDATE\n\n' +
      '- Group like-for-like sales up 4.6% in the Christmas period';
    expect(source(text, '4.6')).toMatch(/^Marlow & Finch/);
  });
});
