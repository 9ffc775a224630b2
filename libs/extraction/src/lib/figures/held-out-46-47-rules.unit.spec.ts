import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g433–g448 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g449–g464 were written to stay unfixed. Every text here is invented.

describe("a release's issuer", () => {
  it('"…, according to figures approved by the university\'s council" speaks for the body the lead is about', () => {
    const text =
      'NEWS RELEASE\n\nEMBARGOED UNTIL 00:01 BST, TUESDAY 14 SEPTEMBER 2027\n\nResearch income reaches a record\n\n' +
      "The University of Caldwick attracted a record £214.6 million in research grants in the year to 31 July 2027, according to figures approved by the university's council last week.\n\n" +
      'Industry-funded research brought in £27.9 million.';
    expect(figureIn(text, '£27.9 million')).toMatchObject({ source: 'University of Caldwick', sourceBasis: 'issuer' });
  });

  it('a body named under "PRESS COMMUNIQUÉ" with two particles and its acronym issues it', () => {
    const text =
      'PRESS COMMUNIQUÉ\n\nAgricultural Cooperative Union of the Plain of Vellmar (UCAPV)\n\nVellmar, 27.08.2027\n\n' +
      'HARVEST OF CEREALS 2027\n\nThe production of wheat was 1.360.000 tonnes, a fall of 12 % on the year before.';
    expect(figureIn(text, '1.360.000').sourceBasis).toBe('issuer');
    expect(figureIn(text, '1.360.000').source).toMatch(/^Agricultural Cooperative Union of the Plain of Vellmar/);
  });
});

describe('a letterhead with its acronym', () => {
  it('"NATIONAL SERVICE OF CIVIL PROTECTION AND FIREMEN (SNPCB)" over a "PRESS BULLETIN" issues it', () => {
    const text =
      'NATIONAL SERVICE OF CIVIL PROTECTION AND FIREMEN (SNPCB)\nRepublic of Ventora\n\nPRESS BULLETIN N. 15/2027 - ERUPTION OF THE PICO ALVA\n' +
      'Santa Irene, 20 of September of 2027, 18:00 hours\n\n1. SITUATION\n\nUntil this moment 6 240 persons are evacuated. In the three reception centres stay 1 140 persons.';
    expect(figureIn(text, '1 140')).toMatchObject({ sourceBasis: 'issuer' });
    expect(figureIn(text, '1 140').source).toMatch(/^National Service of Civil Protection and Firemen/);
  });
});
