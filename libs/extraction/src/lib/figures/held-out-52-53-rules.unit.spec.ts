import { datedIn, figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batches g481–g496 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g497–g512 were written to stay unfixed. Every text here is invented.

describe('a letter dated under its signatures', () => {
  it('"9 June 2026" alone on a line at the end dates the letter, not a yearless "26 June" after a July meeting', () => {
    const text =
      'HOLLIS & CARR PLC\nAnnual Report and Accounts 2025/26\n\nDear shareholder,\n\n' +
      'In the financial year to 31 March 2026 our revenue rose 5.2%.\n\nOur showrooms did well.\n\nOnline grew.\n\n' +
      'Costs rose.\n\nWe opened new sites.\n\nWe closed two.\n\nStaff turnover fell.\n\nOur outlook is steady.\n\n' +
      'Margins held.\n\nStock was lean.\n\nCash was strong.\n\nDebt fell.\n\n' +
      'The final dividend will be paid on 7 August, after our meeting on 23 July 2026, to shareholders on the register ' +
      'on 26 June. We employ 2,140 people.\n\n' +
      'Ada Lorne, Chair\n9 June 2026\n\nHollis & Carr plc. Registered office: Unit 4, Brackley Park.';
    expect(findPublicationDate(text, { y: 2026, m: 12, d: 7 })).toEqual({ y: 2026, m: 6, d: 9 });
  });
});

describe('who tells a figure', () => {
  it('"Our own review puts the number nearer 6,000": the speaker whose review it is', () => {
    const text = 'Mark Ellery: Our own review puts the number of unbooked referrals nearer 6,000.';
    expect(figureIn(text, '6,000').source).not.toBe('review');
  });

  it('a number word opening a sentence ("Twelve miners …") is no body a later "the company" can mean', () => {
    const text =
      'Kovari Metals runs the mine near Breskov.\n\nRescue teams worked through the night. Twelve miners were brought out ' +
      'alive on Tuesday. The company also raised its count of workers underground to 229.';
    expect(figureIn(text, '229').source).not.toBe('Twelve');
  });

  it('a body\'s own "Weekly Respiratory Illness Surveillance Report" under its name is issued by it', () => {
    const text =
      'Marden Public Health Agency\nWeekly Respiratory Illness Surveillance Report\nPublished Thursday 3 December 2026\n\n' +
      'SUMMARY\n\nHospital admissions with confirmed influenza reached 540 in week 48.';
    expect(figureIn(text, '540')).toMatchObject({ source: 'Marden Public Health Agency', sourceBasis: 'issuer' });
  });
});

describe('numbered weeks', () => {
  const report = 'Published Thursday 3 December 2026\n\nHospital admissions reached 540 in week 48, up from 478 in week 47.';

  it('"in week 48" holds at the Sunday that ends that week of the report\'s year', () => {
    expect(datedIn(report, '540')).toEqual(['2026-11-29', 'day']);
    expect(datedIn(report, '478')).toEqual(['2026-11-22', 'day']);
  });

  it('"week 52" read in January is the year before\'s', () => {
    const text = 'Published Thursday 7 January 2027\n\nAdmissions reached 640 in week 52.';
    expect(datedIn(text, '640')).toEqual(['2026-12-27', 'day']);
  });

  it('not a trial\'s "at week 16", which counts from its start', () => {
    const text = 'Published Wednesday 9 September 2026\n\nAt week 16, 71.3% of patients treated with the drug had responded.';
    expect(datedIn(text, '71.3')).toEqual(['2026-09-09', 'day']);
  });
});
