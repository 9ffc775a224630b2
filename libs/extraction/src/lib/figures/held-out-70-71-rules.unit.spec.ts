import { datedIn, figureIn } from '../../__fixtures__/find-figure';
import { sentenceSubject } from '../attribution/sentence-subject';

// Rules found by the held-out batches g625–g640 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g641–g656 had been written and scored to stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it('"The newsletter of X" under a newsletter\'s title makes X its issuer', () => {
    const text =
      "BRIGHT DAYS\nThe newsletter of St Brede's Hospital Charity\nWinter edition | Friday 4 December 2026\n\nDear friends,\n\n" +
      'Some 14,800 people gave at least once this year, and we are more grateful than we can say.';
    expect(figureIn(text, '14,800')).toMatchObject({ source: "St Brede's Hospital Charity", sourceBasis: 'issuer' });
  });
});

describe('who speaks', () => {
  it('"Late reports from two police forces …" opens with an adjective, not a subject', () => {
    expect(sentenceSubject('Late reports from two police forces mean the number of deaths has been revised.', 0)).toBeUndefined();
  });

  it('"a survey carried out by the directorate … found" credits the body that made it', () => {
    const text =
      'Wellspring said the Health Directorate had warned of hunger. A nutrition survey carried out by the Health Directorate ' +
      'in October found that 16.8% of children were acutely malnourished.';
    expect(figureIn(text, '16.8').source).toMatch(/Health Directorate/);
  });
});

describe('when a figure holds', () => {
  it('"Compiled by …, 30 November" under a title naming its year is the publication day', () => {
    const text =
      'ASHBY MOUNTAINEERING CLUB\nKHARSA VALLEY EXPEDITION 2026 - REPORT TO THE ANNUAL GENERAL MEETING\n' +
      'Compiled by the expedition leader, Fergus Mall, 30 November\n\n1. SUMMARY\n\nThe club has 212 members, the secretary said.';
    expect(datedIn(text, '212', { notAfter: '2026-12-07' })).toEqual(['2026-11-30', 'day']);
  });
});
