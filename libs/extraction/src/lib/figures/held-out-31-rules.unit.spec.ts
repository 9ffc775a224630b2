import { figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g313–g320 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe("a wire dated by its rights notice, and a live page's entry labels", () => {
  it('"(c) 2026 Meridian Wire. All rights reserved. …" gives a yearless dateline its year, whatever the story mentions', () => {
    const text =
      'VELIKO POLJE, Oct 15 (Meridian Wire) - Rescuers brought four miners out on Thursday, officials said. The mine last flooded in 2009.\n\n' +
      '(c) 2026 Meridian Wire. All rights reserved. Republication or redistribution of Meridian Wire content is expressly prohibited without prior written consent.';
    expect(findPublicationDate(text, { y: 2027, m: 1, d: 1 })).toEqual({ y: 2026, m: 10, d: 15 });
  });

  it('"FIRST DECLARATION:" labels an entry, it names no speaker', () => {
    const text =
      '00:47\nFIRST DECLARATION: Abbeyfield ward, Labour hold.\n\n01:44\nLabour has 38.2 per cent of the vote, the returning officer said.';
    expect(figureIn(text, '38.2').source).toMatch(/returning officer/);
  });
});

describe('things that only look like figures', () => {
  it('"the driver (54)" is an age; "34 | THE FLYLINE | NOVEMBER 2026" a page number', () => {
    expect(numberTexts('The driver (54) died at the scene; police checked 4,120 vehicles, they said.')).toEqual(['4,120']);
    expect(numberTexts('34  |  THE FLYLINE  |  NOVEMBER 2026\n\nThe board counted 2,180 salmon, it said.')).toEqual(['2,180']);
  });
});
