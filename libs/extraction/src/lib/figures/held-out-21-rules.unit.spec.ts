import { figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g233–g240 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe('publication dates told by a feed stamp, an address, an update line or a yearless header', () => {
  it('a bare ISO 8601 instant as the last line', () => {
    expect(findPublicationDate('Jobs report\n\nEmployers added 142,000 jobs, the bureau said.\n\n2027-01-08T13:41:07Z')).toEqual({
      y: 2027,
      m: 1,
      d: 8,
    });
  });

  it('the page address in the header: "bramleypost.co.uk/opinion/2027/03/11/…"', () => {
    expect(findPublicationDate('bramleypost.co.uk/opinion/2027/03/11/housing-list\n\nOPINION\n\nThe list holds 14,590 households.')).toEqual({
      y: 2027,
      m: 3,
      d: 11,
    });
  });

  it('"Updated Nov. 4, 2026 | Originally published Nov. 3, 2026": the text as it stands is the update\'s', () => {
    expect(findPublicationDate('COURIER\n\nUpdated Nov. 4, 2026, 9:17 p.m. ET | Originally published Nov. 3, 2026, 6:05 a.m. ET\n\nText.')).toEqual({
      y: 2026,
      m: 11,
      d: 4,
    });
  });

  it("a yearless header takes the year its title names, or the weekday's latest year up to the reading day", () => {
    const live = 'TODAY – LIVE\n\nGCSE results 2027: pass rates\n\nThursday 26 August\n\n09:00 The board says 67.2% passed.';
    expect(findPublicationDate(live)).toEqual({ y: 2027, m: 8, d: 26 });
    const transcript = 'WINE COUNCIL\nHarvest press conference – transcript\nWednesday 18 November, 10:30\n\nThe harvest was 1.84 million hl.';
    expect(findPublicationDate(transcript, { y: 2026, m: 12, d: 3 })).toEqual({ y: 2026, m: 11, d: 18 });
    const communique = 'RESCUE SERVICE\nPRESS COMMUNIQUÉ N° 31/2027\n\nValdoré, the 8th of August, 17h30\n\nTwo persons are missing.';
    expect(findPublicationDate(communique)).toEqual({ y: 2027, m: 8, d: 8 });
  });
});

describe('numbers that are ages, phone lines, markers or grades, and sources a header or a month names', () => {
  it('"of 34 and 41 years", "16- to 24-year-olds", "Emergency number: 1414", "every 30 minutes", "km 140", "grade 4" are no figures', () => {
    const text =
      'Valdoré, 8 August 2027\n\nThe deceased were alpinists of 34 and 41 years. Unemployment among 16- to 24-year-olds rose. ' +
      'The map refreshes every 30 minutes. Dredging between km 140 and km 162 goes on. Pupils need grade 4 or above. ' +
      'The service made 212 rescues.\n\nEmergency number in the mountains: 1414';
    expect(numberTexts(text)).toEqual(['212']);
  });

  it('a letterhead right above the marker issues the communiqué, before a sayer its lead names', () => {
    const text =
      'SECOURS ALPIN VALDORÉ – MOUNTAIN RESCUE SERVICE\nPRESS COMMUNIQUÉ N° 31/2027\n\nValdoré, the 8th of August, 17h30\n\n' +
      'According to the guardian of the hut, about 25 alpinists were on the route. Our own counting gives 19 persons in the zone.';
    expect(figureIn(text, '19').source).toBe('Secours Alpin Valdoré');
  });

  it('"November\'s gain is now put at 131,000": a month\'s possessive names no source', () => {
    const text = "Jobs, 8 January 2027\n\nThe bureau said employers added 142,000 jobs. November's gain is now put at 131,000.";
    expect(figureIn(text, '131,000').source).not.toMatch(/November/);
  });
});
