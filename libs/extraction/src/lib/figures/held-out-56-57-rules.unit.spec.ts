import { datedIn, figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batches g513–g528 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g529–g544 were written to stay unfixed. Every text here is invented.

const READ_ON = { y: 2026, m: 12, d: 7 };

describe("a story's year and day", () => {
  it('a yearless wire dateline in a story whose only year is history ("in 2011") takes the latest fitting year', () => {
    const text =
      'PORT ARLEN, Nov 25 (Coastline Wire) - The death toll from Cyclone Mirela rose to 31 on Wednesday, officials said.\n\n' +
      'The last storm this strong, Tessa, killed 112 people in 2011.';
    expect(findPublicationDate(text, READ_ON)).toEqual({ y: 2026, m: 11, d: 25 });
  });

  it('"First published 27 November 2026. Updated Wednesday 2 December 2026 …" on one line: the update dates it', () => {
    const text =
      'MONEY | EXPLAINER\n\nYour pension questions answered\n\nBy Ana Veldt\n' +
      'First published 27 November 2026. Updated Wednesday 2 December 2026 with revised figures from the ministry.\n\n' +
      'About 2.46 million people receive the basic pension today.';
    expect(findPublicationDate(text, READ_ON)).toEqual({ y: 2026, m: 12, d: 2 });
  });
});

describe('periods', () => {
  it('"in July, August and September" is named by its last month', () => {
    const text = 'Published 22 October 2026\n\nContainer volumes in July, August and September were 7.4% higher than a year earlier.';
    expect(datedIn(text, '7.4')).toEqual(['2026-09-01', 'month']);
  });

  it('a release\'s dateline without an agency ("Calderwick, 22 October 2026 - …") does not date the lead\'s figure', () => {
    const text =
      'PORT OF CALDERWICK AUTHORITY\nPRESS RELEASE\n\nFor immediate release: Thursday 22 October 2026\nReference: PCA/PR/2026-38\n\n' +
      'CALDERWICK HANDLES RECORD 418,600 TEU IN THIRD QUARTER\n\n' +
      'Calderwick, 22 October 2026 - The Port of Calderwick handled 418,600 containers in the third quarter ' +
      'of 2026, the Port Authority announced today.\n\nTotal cargo throughput rose 3.2% to 11.84 million tonnes.';
    expect(datedIn(text, '418,600')).toEqual(['2026-09-01', 'month']);
    expect(datedIn(text, '11.84 million')).toEqual(['2026-09-01', 'month']);
  });
});

describe('who issues a document', () => {
  it('a magazine\'s own page ("SKYWARD MAGAZINE | News | …") is reporting, not an issuer\'s voice', () => {
    const text =
      'SKYLINE MAGAZINE | News | Thursday 3 December 2026\n\nFollow-up campaign cuts the odds\n\n' +
      'The campaign drew in 38 telescopes in 11 countries.';
    expect(figureIn(text, '38').sourceBasis).not.toBe('issuer');
  });

  it('a ministry\'s letterhead over a translated "Press communicate nr. 418/2026" issues it', () => {
    const text =
      'MINISTRY OF AGRICULTURE, FOOD AND RURAL DEVELOPMENT\nDirection of Communication and Public Relations\n\n' +
      'Press communicate nr. 418/2026\nVardeny, 26.11.2026\n\nFrom the 27 outbreaks, 19 are in commercial farms.';
    expect(figureIn(text, '19')).toMatchObject({ sourceBasis: 'issuer' });
  });
});
