import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g281–g288 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2027-12-31' };

describe('when a page was published', () => {
  it('a bulletin\'s "Approved for release … on 4 December 2026" footer dates it', () => {
    const text =
      'CATTLE DISEASE BULLETIN\n\n1.1 Six new premises were confirmed.\n\n---\nDocument control: Bulletin No. 7 | Approved for release by the Chief Veterinary Officer on 4 December 2026, 16:00';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 12, d: 4 });
  });

  it('a wire\'s closing stamp "Fr, 03.Jul 2026" gives its yearless dateline the year', () => {
    const text = 'Graz, 3 July (APA) - Hail damaged 4,200 hectares, the insurer said on Friday.\n\nAPA0312 5 CI 0287 II Fr, 03.Jul 2026';
    expect(findPublicationDate(text, { y: 2031, m: 1, d: 1 })).toEqual({ y: 2026, m: 7, d: 3 });
  });

  it('a masthead "THE NORDIC LEDGER - Companies & Markets - Thursday 15 October 2026 - Page 17" dates the page', () => {
    expect(findPublicationDate('THE NORDIC LEDGER - Companies & Markets - Thursday 15 October 2026 - Page 17\n\nShares fell 14.6%.')).toEqual({
      y: 2026,
      m: 10,
      d: 15,
    });
  });

  it('a written answer is dated by "Date of answer", not "Date tabled"', () => {
    const text =
      'WRITTEN ANSWERS\n\nDate tabled: 17 November 2026\nAnswered by: Minister for Health (Declan Rourke TD)\nDate of answer: Thursday, 26 November 2026\n\nAnswer:\n812,406 people were waiting.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 11, d: 26 });
  });

  it('"UPDATE 00:35 GMT, Sunday:" is the Sunday after publication', () => {
    const text =
      'First published: Saturday 28 November 2026, 07:52 GMT\n\nUPDATE 00:35 GMT, Sunday: The number of homes without power has fallen to 23,400, the grid operator said.';
    expect(datedIn(text, '23,400', NOT_AFTER)[0]).toBe('2026-11-29');
  });
});

describe('who gives a figure', () => {
  it('"Answered by: Minister for Health (Declan Rourke TD)" declares the answer\'s voice; "I am advised by the NTO that" credits the office', () => {
    const text =
      'WRITTEN ANSWERS\n\nAnswered by: Minister for Health (Declan Rourke TD)\nDate of answer: Thursday, 26 November 2026\n\nAnswer:\n' +
      'I am advised by the NTO that 812,406 people were waiting at the end of October. This year I allocated €440 million to the scheme.';
    expect(figureIn(text, '812,406', NOT_AFTER).source).toBe('NTO');
    expect(figureIn(text, '440', NOT_AFTER).source).toBe('Declan Rourke');
  });
});

describe('numbers in words and things that only look like figures', () => {
  it('"a quarter of a million" is 250,000', () => {
    expect(figureIn('She said "a quarter of a million homes" lost power, the minister said.', 'quarter').value).toBe(250000);
  });

  it("section numbers, an extension, an age in brackets, a road, a number to call and a table's row", () => {
    expect(numberTexts('2.1 The 47 premises comprise dairy holdings.\n\n3.1 A total of 61,240 animals were culled, the department said.')).toContain(
      '61,240',
    );
    expect(numberTexts('3.1 A total of 61,240 animals were culled, the department said.')).toEqual(['61,240']);
    expect(numberTexts('Media enquiries: press office, extension 2217. The office confirmed 39 cases.')).toEqual(['39']);
    expect(numberTexts('Its chairman, Johann Pichler (58), said 4,200 hectares were hit.')).toEqual(['4,200']);
    expect(numberTexts('The B 67 was closed as 1,840 callouts came in, the brigade said.')).toEqual(['1,840']);
    expect(numberTexts('Customers can call the national power cut number, 105, as 23,400 remain cut off, the operator said.')).toEqual(['23,400']);
    expect(numberTexts('Waiting lists by region, the office said:\n\nNorthern | 148,212\nEastern | 236,590')).toEqual(['148,212', '236,590']);
  });
});
