import { datedIn, figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g641–g656 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g657–g672 were being written. Every text here is invented.

describe('who issues a document', () => {
  it("a letter's first-person figures are its signatory's", () => {
    const text =
      'LITTLE ASHBY VILLAGE HALL\nRegistered Charity No. 1048231\n\n14 November 2026\n\nDear Friends and Neighbours,\n\n' +
      "Our total income for the year was £18,642, the most in the hall's history.\n\nWith best wishes,\n\nMargaret Prior\nHon. Treasurer";
    expect(figureIn(text, '£18,642').source).toBe('Margaret Prior');
  });

  it('a listed company after its dateline, past a headline and its bullets, issues the release (a legal form with a slash too)', () => {
    const text =
      'Calder Biosciences Announces Positive Topline Results from Phase 3 Trial\n\n- Primary endpoint met in the study\n' +
      '- Conference call today at 8:00 a.m. ET\n\nHALLERUP, Denmark and BOSTON, Nov. 9, 2026 -- Calder Biosciences A/S ' +
      '(Nasdaq: CLDR) today announced results.\n\nAdverse events were reported in 68.4% of patients on the drug.';
    expect(figureIn(text, '68.4')).toMatchObject({ source: 'Calder Biosciences A/S', sourceBasis: 'issuer' });
  });

  it('a letterhead with "A/S" over a "Monthly Volume Note" issues it', () => {
    const text =
      'NORDVIK LINE A/S\nMonthly Volume Note - October 2026\n\nHalvik, 6.11.2026\n\nDear customers and partners,\n\n' +
      'Reefer containers were 9,112 units in October.';
    expect(figureIn(text, '9,112')).toMatchObject({ source: 'Nordvik Line A/S', sourceBasis: 'issuer' });
  });

  it('a letterhead over "INFORMATIVE NOTE Nr. 11/2026" issues it', () => {
    const text =
      'PUBLIC INSTITUTION SILVER HILLS NATIONAL PARK\nService for Nature Protection\n\nINFORMATIVE NOTE Nr. 11/2026\nDate: 16.11.2026\n\n' +
      'The number of chamois is 688 individuals.';
    expect(figureIn(text, '688')).toMatchObject({ source: 'Public Institution Silver Hills National Park', sourceBasis: 'issuer' });
  });
});

describe('when a figure holds', () => {
  it("a release's lead span more than a year before it (a trial's enrolment) is no period for its later figures", () => {
    const text =
      'HALLERUP, Nov. 9, 2026 -- Calder Biosciences A/S (Nasdaq: CLDR) today announced results of its trial.\n\n' +
      'The drug met its primary endpoint, the company said, and it will file for approval next year.\n\n' +
      'The trial was run in eleven countries under the oversight of an independent board.\n\n' +
      'Between May 2024 and April 2025, the trial enrolled 1,214 patients at 148 sites.\n\n' +
      'Adverse events were reported in 68.4% of patients on the drug.';
    expect(datedIn(text, '68.4')).toEqual(['2026-11-09', 'day']);
  });
});
