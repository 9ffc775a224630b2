import { figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batches g201–g208 and g209–g216 (each scored once before them, 7 Dec; see
// libs/extraction/HELD-OUT.md). Every text here is invented.

const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment).source;

describe('issue dates told in Roman numerals or by a week number, and a day a relative clause names', () => {
  it('"No. 88 · 12 · XII · 2026": a month in Roman numerals', () => {
    expect(findPublicationDate('THE MUSEUM LETTER\nNo. 88  ·  12 · XII · 2026\n\nVisits rose to 4.2 million.')).toEqual({ y: 2026, m: 12, d: 12 });
  });

  it('"News in brief | Week 49, 2026": the ISO week\'s Sunday, so a yearless item day takes its year', () => {
    const text =
      'FARM NEWS\nNews in brief | Week 49, 2026\n\nMON 30 NOV\nThe agency said 19 farms were under restrictions.\n\n' +
      'THU 3 DEC\nThe agency said 27 farms were under restrictions.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 12, d: 6 });
    expect(figureIn(text, '27').as_of).toBe('2026-12-03');
  });

  it('"On census day, which was the 22nd of March, there were …": a relative clause that only names the day dates the figure', () => {
    const text = 'Radio, 26 November 2026\n\nOn census day, which was the 22nd of March, there were 5,482,300 residents, the office said.';
    expect(figureIn(text, '5,482,300').as_of).toBe('2026-03-22');
  });
});

describe('sources told by an owner, a translated verb, a possessive document or the site a page belongs to', () => {
  it('"The council\'s tourism team estimated", "The ambulance service\'s volunteer unit said" credit the unit; "his unit had counted" does not', () => {
    const text =
      "Marathon, Monday 19 October 2026\n\nThe ambulance service's volunteer unit said it treated 214 runners. " +
      "The council's tourism team estimated that the weekend brought in £6 million. " +
      'A battalion commander said his unit had counted about 200 soldiers.';
    expect(source(text, '214')).toMatch(/volunteer unit$/);
    expect(source(text, '£6 million')).toMatch(/tourism team$/);
    expect(source(text, '200')).not.toMatch(/unit/);
  });

  it('a described owner of two or three words keeps its words: "The regional water board\'s duty officer said"', () => {
    const text = "News, 3 March 2026\n\nThe regional water board's duty officer said 40 homes lost supply.";
    expect(source(text, '40')).toBe("regional water board's duty officer");
  });

  it('"The Headquarters of the Coast Guard communicates that …" credits the Coast Guard', () => {
    const text = 'Note of 3 December 2026\n\nThe Headquarters of the Coast Guard communicates that 12.480 persons arrived this year.';
    expect(source(text, '12.480')).toMatch(/Coast Guard$/);
  });

  it('"According to the authority\'s annual survey, published in May," credits the authority', () => {
    const text =
      'Opinion, 16 November 2026\n\nThe Statistics Authority published new figures on Tuesday. ' +
      "According to the authority's annual survey, published in May, 6.1 million workers were union members.";
    expect(source(text, '6.1 million')).toMatch(/[Aa]uthority$/);
  });

  it('a page under the body\'s breadcrumb ("Leamvale Water > Help > Drought") speaks for the body', () => {
    const text =
      'Fenmore Water > Help and advice > Drought\n\nYour questions answered\n\nUpdated: Wednesday 9 September 2026\n\n' +
      'How full are the reservoirs?\nOur reservoirs were at 41% of capacity as of Monday.';
    expect(source(text, '41')).toBe('Fenmore Water');
  });
});

describe('numbers that address, code, label or tell the time (held-out-18, g209–g216)', () => {
  it("a street address before or after the street's name is no figure; the count beside it is", () => {
    const text =
      'Trade press, December 2, 2026\n\nThe company moved production from its plant at 2200 Commerce Parkway. ' +
      'Press Office, Statistics Norvale, Kongsgate 31, Nordby. The recall covers 468,000 bottles, the company said.';
    expect(numberTexts(text)).toEqual(['468,000']);
  });

  it('"NDC 71205-0334-30", "21 CFR 7.49", "question 14" and "It\'s ten past eight" are codes, citations, labels and times', () => {
    const text =
      'Radio, 26 November 2026\n\nBottles carry NDC 71205-0334-30. Under 21 CFR 7.49 firms must notify customers. ' +
      "I remember question 14 caused confusion. HALLETT: It's ten past eight. The office counted 2.31 million households.";
    expect(numberTexts(text)).toEqual(['2.31 million']);
  });
});
