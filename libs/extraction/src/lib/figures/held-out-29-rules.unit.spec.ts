import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g297–g304 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2027-12-31' };

describe('when a story holds', () => {
  it('a rewritten wire ("Updated … / First published …") is as of its update; updates stacked above a story are not', () => {
    const rewritten =
      'UPDATE 3-Quake toll rises\n\nUpdated Thursday, October 15, 2026, 07:20 GMT\nFirst published Tuesday, October 13, 2026, 16:05 GMT\n\nThe toll rose to 214, officials said.';
    expect(findPublicationDate(rewritten)).toEqual({ y: 2026, m: 10, d: 15 });
    const stacked =
      'Power cut latest\n\nFirst published: Saturday 28 November 2026, 07:52 GMT\nLast updated: Sunday 29 November 2026, 00:41 GMT\n\n' +
      'UPDATE 00:35 GMT, Sunday: 23,400 homes are still cut off.\n\nAbout 212,000 homes lost power, the operator said.';
    expect(findPublicationDate(stacked)).toEqual({ y: 2026, m: 11, d: 28 });
  });

  it('"Reporting period: 2 - 8 March 2027" dates a situation report\'s figures at the period\'s last day', () => {
    const text =
      'CHOLERA OUTBREAK\nSituation Report No. 7\nReporting period: 2 - 8 March 2027\nDate of issue: 10 March 2027\n\n- Cumulative total of 4,862 cases since the outbreak began.';
    expect(datedIn(text, '4,862', NOT_AFTER)).toEqual(['2027-03-08', 'day']);
  });
});

describe('who gives a figure', () => {
  it('"The school now says" after the academy was named; a campaign group\'s own bulletin', () => {
    expect(figureIn("St Aidan's Academy said it had 212 students. The school now says 34% of entries were graded A.", '34').source).toBe(
      "St Aidan's Academy",
    );
    const bulletin =
      'From: Kelsford Cycle Campaign <news@kelsford.example>\nDate: Tue, 9 Mar 2027 07:30:12 +0000\nSubject: News\n\nOur membership passed 2,300 this winter.';
    expect(figureIn(bulletin, '2,300', NOT_AFTER).source).toBe('Kelsford Cycle Campaign');
  });
});

describe('things that only look like figures', () => {
  it("an information line, a hotline with a note, regulations, substitutes' and scorers' minutes", () => {
    expect(numberTexts('The government opened an emergency information line, 115, as 214 people died, officials said.')).toEqual(['214']);
    expect(numberTexts('MoH cholera hotline: 5454 (toll free). The ministry counted 611 new cases.')).toEqual(['611']);
    expect(numberTexts('The firm was fined £1.35 million, contrary to regulations 12 and 38, the court heard.')).toEqual(['£1.35 million']);
    expect(
      numberTexts('Rovers: Corcoran, Tremlett (Ryland 41), Vasquez.\nGoals: Corcoran 23, Okafor 88\n\nA crowd of 41,286 watched, the club said.'),
    ).toEqual(['41,286']);
  });
});
