import { figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g241–g248 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe("a speech in its speaker's voice, and a report dated where it was written", () => {
  it('"remarks by Governor Elena Varga": the speech\'s own figures are the speaker\'s', () => {
    const text =
      'Bank of Verelia\n\n"The last mile": remarks by Governor Elena Varga\n\nChamber of Commerce annual dinner\n\n' +
      "Core inflation was 3.9 per cent in October. Thank you.\n\n--\nThis text was published on the Bank's website on Tuesday 1 December 2026.";
    expect(figureIn(text, '3.9').source).toBe('Elena Varga');
  });

  it('"Written in Kabresh, the 2nd of December 2026, by the field coordination team" dates the report', () => {
    const text =
      'WASH FIELD REPORT N. 9\nCamp Dareen\nWritten in Kabresh, the 2nd of December 2026, by the field coordination team\n\nThe camp holds 41,350 people.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 12, d: 2 });
  });
});
