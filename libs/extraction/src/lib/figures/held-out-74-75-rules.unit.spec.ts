import { datedIn, figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g657–g672 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g673–g688 were being written. Every text here is invented.

describe('who issues a document', () => {
  it('a letterhead with a legal form in lower case ("VALTRIA RAIL a.s.") over a "STATEMENT" issues it', () => {
    const text =
      'VALDOR RAIL a.s.\nPress department\n\nSTATEMENT TO PUNCTUALITY OF PASSENGER TRAINS IN MONTH NOVEMBER 2026\n\n' +
      'Veltrin, 4. 12. 2026\n\nThe punctuality of trains in November was 87.3 %.';
    expect(figureIn(text, '87.3')).toMatchObject({ source: 'Valdor Rail', sourceBasis: 'issuer' });
  });

  it('an email\'s "From:" over "Sent:" names its issuer without an address; a "Team" is a body', () => {
    const text =
      'From: Ashley North Neighbourhood Policing Team\nSent: Thursday 3 December 2026 08:45\nSubject: November round-up\n\n' +
      'Hello everyone,\n\nThere were 14 residential burglaries in Ashley North in November.';
    expect(figureIn(text, '14')).toMatchObject({ source: 'Ashley North Neighbourhood Policing Team', sourceBasis: 'issuer' });
  });

  it('a programme\'s "FROM THE CHAIRMAN" over his name is in his voice', () => {
    const text =
      'FERNDALE ATHLETIC FC - OFFICIAL MATCHDAY PROGRAMME\nIssue 11 | Saturday 5 December 2026\n\nFROM THE CHAIRMAN\nGraham Potts\n\n' +
      "Good afternoon. We now have 3,950 season-ticket holders, the most in the club's history.";
    expect(figureIn(text, '3,950').source).toBe('Graham Potts');
  });
});

describe('when a figure holds', () => {
  it("a yearless dateline takes the year in which it falls on the lead's own weekday, before the day after it", () => {
    const text =
      'KESTON, Dec 4 (Northwire) - Hundreds of flights were cancelled at Keston Airport on Friday as 412 baggage handlers ' +
      'began a strike over pay. The last walkout, in 2021, lasted a day.';
    expect(datedIn(text, '412', { notAfter: '2026-12-07' })).toEqual(['2026-12-04', 'day']);
  });
});
