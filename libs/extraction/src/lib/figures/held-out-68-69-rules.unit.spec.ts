import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { sentenceSubject } from '../attribution/sentence-subject';

// Rules found by the held-out batches g609–g624 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g641–g656 were being written, while g625–g640 stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it('a body\'s name right under "PRESS RELEASE" issues it, before the headline\'s subject', () => {
    const text =
      'PRESS RELEASE\n\nHalden Institute for Marine Chemistry\nFOR IMMEDIATE RELEASE: Thursday 3 December 2026\n\n' +
      'Microplastics found in nearly all sea salt tested, Halden study shows\n\nMicroplastic particles were found in 199 of the ' +
      '212 samples analysed. Fibres made up 58 per cent of the particles identified.';
    expect(figureIn(text, '58')).toMatchObject({ source: 'Halden Institute for Marine Chemistry', sourceBasis: 'issuer' });
  });
});

describe('who speaks', () => {
  it('an index\'s owner moves it: "Kingsmere\'s house price index rose 0.4%"', () => {
    expect(figureIn("Kingsmere's house price index rose 0.4% month on month in November.", '0.4').source).toBe('Kingsmere');
  });

  it('"Heavy rain fell" opens with an adjective, not a subject a description could mean', () => {
    const subject = (text: string): string | undefined => sentenceSubject(text, 0)?.text;
    expect(subject('Heavy rain fell overnight across the valley.')).toBeUndefined();
    expect(subject('Zelenskyy himself has given a higher number.')).toBe('Zelenskyy');
    expect(subject('Police said 14 people were hurt.')).toBe('Police');
  });
});

describe('what a figure is', () => {
  it('a line\'s number is no figure: "the emergency line on 815 44 200", "The 311 line", "Channel 9 News"', () => {
    const text =
      "Residents can call the water company's emergency line on 815 44 200. The 311 line received 6,870 calls in October. " +
      'Q: Terrence Hall, Channel 9 News.';
    expect(numberTexts(text)).toEqual(['6,870']);
  });
});

describe('when a figure holds', () => {
  it('"Released 07:00, Thursday 8 October 2026" is the publication day; "the 26 weeks ended 29 August 2026" its period', () => {
    const text =
      'HALDEN FOODS PLC\n\nInterim results for the 26 weeks ended 29 August 2026\n\nReleased 07:00, Thursday 8 October 2026\n\n' +
      'Halden Foods plc today announces its interim results for the half, in which its stores sold more food than ever before.\n\n' +
      '- Group revenue of £4.82 billion';
    expect(datedIn(text, '£4.82 billion')).toEqual(['2026-08-29', 'day']);
  });

  it('"Reporting week 48: Monday 23 November to Sunday 29 November 2026" dates a surveillance report', () => {
    const text =
      'COAST HEALTH PROTECTION AGENCY\nHeat Health Surveillance Report\n\nReporting week 48: Monday 23 November to Sunday 29 ' +
      'November 2026\nIssued: Wednesday 2 December 2026\n\nThe Agency recorded 131 heat-related admissions in the week.';
    expect(datedIn(text, '131')).toEqual(['2026-11-29', 'day']);
  });
});
