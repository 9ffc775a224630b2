import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g417–g432 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g433–g448 were written to stay unfixed. Every text here is invented.

describe("a radio newsroom's script", () => {
  const script =
    'RADIO HARLOW 96.4FM - NEWSROOM SCRIPT\nBULLETIN: 0800 MON 09/08\nREADER: CAT DOYLE\nFILED: 09/08/27 0712 (JP/CD)\nTOTAL DUR: 3\'40"\n' +
    '------------------------------------------------------------\n\nSTORY 1 - SLUG: FESTIVAL FIGS\n[CUE - READER]\n' +
    'Organisers of the festival say fifty-eight thousand tickets were sold this year.\n\n' +
    '[PKG - PENHALE - DUR 0\'52"]\nVolunteers from Coast Ambulance Aid say they treated one thousand one hundred and forty people over the four days. ' +
    'Nineteen were taken to hospital.\n\nNOT FOR BROADCAST AFTER 1000. (c) 2027 Harlow Community Media.';

  it('is dated by its "FILED: 09/08/27 0712" line', () => {
    expect(figureIn(script, 'Nineteen').as_of).toBe('2027-08-09');
  });

  it('"TOTAL DUR:" is no speaker, and no timing or embargo hour is a figure', () => {
    const all = extractFigures(script, { notAfter: '2026-12-03' });
    expect(all.some((f) => /dur/i.test(f.source))).toBe(false);
    expect(all.map((f) => f.numberText)).not.toEqual(expect.arrayContaining(['3', '40', '52', '1000']));
  });
});
