import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g257–g264 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2027-12-31' };

describe('who gives a figure', () => {
  it('"X, polling for Y, has Mares on 51.5%" and "the commission puts Vancu on 53.1%" credit X and the commission', () => {
    const text =
      'Northway Research, polling for Kanal TV, has Petra Lind on 51.5% of the vote. Osprey Polls, for Radio Nord, has Jonas Ek narrowly ahead on 50.4%. ' +
      'With 31.4% of precincts counted, the electoral commission puts Jonas Ek on 53.1%.';
    expect(figureIn(text, '51.5').source).toBe('Northway Research');
    expect(figureIn(text, '50.4').source).toBe('Osprey Polls');
    expect(figureIn(text, '53.1').source).toMatch(/electoral commission/i);
  });

  it('"Correction from the electoral commission:" and "according to the commission\'s results page" credit the commission', () => {
    const text =
      'Correction from the electoral commission: turnout at 20:00 was 48.3%, not the 49.1% it gave earlier. ' +
      "With 72.5% of precincts counted, she is on 50.2%, according to the commission's results page.";
    expect(figureIn(text, '48.3').source).toMatch(/electoral commission/i);
    expect(figureIn(text, '50.2').source).toMatch(/commission/i);
  });

  it("a body's own bulletin, mailed from its address, speaks for it", () => {
    const text =
      "From: Fenmoor Dairy Farmers' Co-operative <news@fenmoor.example>\nTo: members@fenmoor.example\n" +
      'Date: Tue, 13 Jul 2027 08:00:00 +0100\nSubject: Bulletin No. 12\n\nDear members,\n\n' +
      'Our field team now puts the flooded grazing at 1,140 hectares.';
    expect(figureIn(text, '1,140', NOT_AFTER).source).toBe("Fenmoor Dairy Farmers' Co-operative");
  });

  it('a newsletter under its own title is not a body speaking', () => {
    const text =
      'From: The Halfway Line <hello@halfway.example>\nDate: Tue, 13 Jul 2027 08:00:00 +0100\nSubject: Issue 40\n\n' +
      'Crowds averaged 8,200 this season.';
    expect(figureIn(text, '8,200', NOT_AFTER).source).toBe('article');
  });
});

describe('when a figure holds', () => {
  it('"Posted by X on August 23, 2027 at 9:14 pm" under a blog post dates it', () => {
    const text =
      'Trail notes\n\nThe park had 41,000 visits in July, the park service says.\n\n---\nPosted by Ana Ruiz on August 23, 2027 at 9:14 pm · 3 Comments';
    expect(findPublicationDate(text)).toEqual({ y: 2027, m: 8, d: 23 });
  });

  it('", built in 2009," dates the ship, not the cargo it carries now', () => {
    const text = 'ROTTERDAM, Oct 14 2027 (Reuters) - The 190-metre vessel, built in 2009, was carrying 24,000 tonnes of grain, the owner said.';
    expect(datedIn(text, '24,000', NOT_AFTER)[0]).toBe('2027-10-14');
  });
});

describe('labels on a results page and a blog', () => {
  it('"Precinct 1147" and "· 12 Comments" are not figures', () => {
    expect(numberTexts('Precinct 1147 in Tarn reported first, with 212 registered voters, the commission said.')).toEqual(['212']);
    expect(
      numberTexts(
        'The park had 41,000 visits in July, the park service says.\n\n---\nPosted by Ana Ruiz on August 23, 2027 · Filed under Parks · 12 Comments',
      ),
    ).toEqual(['41,000']);
  });
});
